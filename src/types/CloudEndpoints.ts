/** Where the Genesys Cloud back ends live (CONTRACT §8): from GENESYS_CLOUD_REGION or both URLs. */
export interface CloudEndpoints {
  /** Platform API base ending in `/api/v2`, no trailing slash. */
  readonly apiUrl: string;
  /** Login service base (where `/oauth/token` and `/oauth/authorize` live), no trailing slash. */
  readonly loginUrl: string;
}
