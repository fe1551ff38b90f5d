/** Where the three Genesys back ends live (README: Configuration); all three or none. */
export interface GenesysEndpoints {
  /** Base URL ending in `/auth/v3`, no trailing slash. */
  readonly authUrl: string;
  /** Base URL ending in `/wfm/api/v3`, no trailing slash. */
  readonly wfmUrl: string;
  /** SOAP locator endpoint, e.g. `http://wfm:7000/?Handler=WFMLocatorService800`. */
  readonly locatorUrl: string;
}
