import type { OpenIdUserInfo } from '../types/AuthApi.js';
import type {
  AgentRecord,
  SiteRecord,
  TeamRecord,
  WfmId,
  WfmUserRecord,
} from '../types/WfmRecords.js';
import type { AgentScheduleRecord, ScheduleKey } from './records.js';
import type { SingleLoader } from './SingleLoader.js';

/**
 * A per-request loader by key (a DataLoader, or one seen through an adapter): `load` batches the
 * keys of one tick into one upstream call; `loadMany` answers an error at each failing position.
 * Function properties, not methods, so a loader of narrower keys cannot pass for this one.
 */
export interface KeyedLoader<K, V> {
  readonly load: (key: K) => Promise<V>;
  readonly loadMany: (keys: readonly K[]) => Promise<(V | Error)[]>;
}

/** How the platform's ids are read from GraphQL `ID` arguments. */
export interface IdFormat {
  /**
   * The id behind an `ID` argument value.
   *
   * @param argument names the argument in the error message, e.g. `siteId` or `agentIds`.
   * @throws GatewayError BAD_USER_INPUT "unknown id format" when `value` is not such an id.
   */
  readonly parse: (value: string, argument: string) => WfmId;
  /**
   * {@link IdFormat.parse} for every value of a list argument, duplicates removed, order kept.
   *
   * @throws GatewayError BAD_USER_INPUT with `limit: LIST_ARGUMENT` past `maxLength` values.
   */
  readonly parseList: (values: readonly string[], argument: string, maxLength: number) => WfmId[];
}

/**
 * This request's loaders, whichever platform stands behind them (`createLoaders` picks Engage's or
 * Genesys Cloud's). Created per GraphQL request; nothing in them outlives it.
 */
export interface Loaders {
  /** Reads ids of this platform from arguments (WFM integers on Engage, GUIDs on Cloud). */
  readonly ids: IdFormat;
  /** The sites the caller may see (Engage: one GetSite; Cloud: the management units). */
  readonly sitesAll: SingleLoader<SiteRecord[]>;
  /** Site by id; null when unknown or not visible. */
  readonly siteById: KeyedLoader<WfmId, SiteRecord | null>;
  readonly teamsBySite: KeyedLoader<WfmId, TeamRecord[]>;
  /** Team by id; null when unknown or not visible. */
  readonly teamById: KeyedLoader<WfmId, TeamRecord | null>;
  readonly agentsBySite: KeyedLoader<WfmId, AgentRecord[]>;
  readonly agentsByTeam: KeyedLoader<WfmId, AgentRecord[]>;
  /** Agent by id; null when unknown or not visible. */
  readonly agentById: KeyedLoader<WfmId, AgentRecord | null>;
  /** One agent's schedule over a range; batched per (site, range), never one call per agent. */
  readonly scheduleByAgentRange: KeyedLoader<ScheduleKey<WfmId>, AgentScheduleRecord<WfmId>>;
  /** The caller's WFM profile (once per request). */
  readonly wfmUser: SingleLoader<WfmUserRecord>;
  /** The caller's OpenID claims (Authentication API, once per request). */
  readonly openId: SingleLoader<OpenIdUserInfo>;
}
