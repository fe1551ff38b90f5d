import DataLoader from 'dataloader';
import type { CallContext } from '../types/CallContext.js';
import type { WfmId } from '../types/WfmRecords.js';
import type { WfmSiteRecord } from '../types/WfmSoapApi.js';
import { agentById } from './agentById.js';
import { agentsBySite } from './agentsBySite.js';
import { agentsByTeam } from './agentsByTeam.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { openId } from './openId.js';
import { createCloudLoaders } from './cloud/createCloudLoaders.js';
import type { Loaders } from './Loaders.js';
import { ENGAGE_IDS } from './ids/engageIds.js';
import { integerId, numericKeys } from './numericKeys.js';
import type { ScheduleKey } from './records.js';
import { scheduleByAgentRange, scheduleCacheKey } from './scheduleByAgentRange.js';
import { SingleLoader } from './SingleLoader.js';
import { siteById } from './siteById.js';
import { sitesAll } from './sitesAll.js';
import { teamById } from './teamById.js';
import { teamsBySite } from './teamsBySite.js';
import { wfmUser } from './wfmUser.js';
import type { Upstreams } from '../types/Upstreams.js';

export type { Loaders } from './Loaders.js';

/** Tuning of {@link createLoaders}. */
export interface LoaderOptions {
  /**
   * Most ids sent in one upstream call (site, team and agent ids; agent ids per GetAgentState).
   * Positive integer; default {@link DEFAULT_MAX_BATCH_SIZE}.
   */
  maxBatchSize?: number;
  /**
   * Most agent-days one GetAgentState call asks for (agents × days of its window), which bounds
   * each reply's size. Positive integer; default {@link DEFAULT_SCHEDULE_AGENT_DAYS_PER_CALL}.
   */
  scheduleAgentDaysPerCall?: number;
  /**
   * Longest window of one GetAgentState call, in days; longer ranges are split. Integer 1–93;
   * default {@link DEFAULT_SCHEDULE_WINDOW_DAYS}.
   */
  scheduleWindowDays?: number;
}

/** Default of {@link LoaderOptions.maxBatchSize}. */
export const DEFAULT_MAX_BATCH_SIZE = 500;
/** Default of {@link LoaderOptions.scheduleAgentDaysPerCall}: 150 agent-weeks, a reply of ≈ 1.6 MB. */
export const DEFAULT_SCHEDULE_AGENT_DAYS_PER_CALL = 1_050;
/** Default of {@link LoaderOptions.scheduleWindowDays}. */
export const DEFAULT_SCHEDULE_WINDOW_DAYS = 31;
/** Longest window WFM's GetAgentState is asked for, in days (the simulator refuses longer). */
export const MAX_SCHEDULE_WINDOW_DAYS = 93;

/**
 * Schedule keys collected per dispatch before grouping, as a multiple of `maxBatchSize`. The
 * schedule batch function chunks each (site, range) group itself, so this only bounds one tick's
 * work; it is large enough that chunks are filled and the call count stays ceil(agents / max).
 */
const SCHEDULE_KEYS_PER_DISPATCH_FACTOR = 100;

/**
 * Builds the per-request loaders over the shared upstream clients and this caller's
 * `CallContext`: Genesys Cloud's (`loaders/cloud/`) when the upstreams have a Cloud client
 * (GENESYS_PLATFORM=cloud), else Engage's, described here. Answers are cached for the request only (`cache: true`); cross-request caching
 * belongs to `src/cache/`. Lists prime the by-id loaders, so `sites { … }` followed by
 * `agent.site` costs no second call, and `siteById` answers from a `sitesAll` already asked for
 * in the request (`sites` with `site(id)`: one GetSite).
 *
 * @throws RangeError when an option is out of its range.
 */
export function createLoaders(
  upstreams: Upstreams,
  call: CallContext,
  options: LoaderOptions = {},
): Loaders {
  if (upstreams.cloud) return createCloudLoaders({ ...upstreams, cloud: upstreams.cloud }, call);
  const maxBatchSize = positiveInt('maxBatchSize', options.maxBatchSize, DEFAULT_MAX_BATCH_SIZE);
  const agentDaysPerCall = positiveInt(
    'scheduleAgentDaysPerCall',
    options.scheduleAgentDaysPerCall,
    DEFAULT_SCHEDULE_AGENT_DAYS_PER_CALL,
  );
  const windowDays = positiveInt(
    'scheduleWindowDays',
    options.scheduleWindowDays,
    DEFAULT_SCHEDULE_WINDOW_DAYS,
    MAX_SCHEDULE_WINDOW_DAYS,
  );
  const deps: LoaderDeps = { upstreams, call };
  const batched = { cache: true, maxBatchSize } as const;

  const primeAll = <R extends { id: number }>(
    loader: DataLoader<number, R | null>,
    records: readonly R[],
  ): void => {
    for (const record of records) loader.prime(record.id, record);
  };

  const visibleSites: SingleLoader<WfmSiteRecord[]> = new SingleLoader(async () => {
    const sites = await sitesAll(deps)();
    primeAll(site, sites);
    return sites;
  });
  const site = new DataLoader(
    siteById(deps, () => visibleSites.peek()),
    batched,
  );
  const team = new DataLoader(teamById(deps), batched);
  const agent = new DataLoader(agentById(deps), batched);
  const caller = new SingleLoader(wfmUser(deps));

  const scheduleLoader = new DataLoader(
    scheduleByAgentRange({
      ...deps,
      maxBatchSize,
      agentDaysPerCall,
      windowDays,
      siteOf: (id) => site.load(id),
      callerAgentId: async () => {
        const info = await caller.load();
        return info.userType === 'AGENT' ? info.userId : null;
      },
    }),
    {
      cache: true,
      cacheKeyFn: scheduleCacheKey,
      maxBatchSize: maxBatchSize * SCHEDULE_KEYS_PER_DISPATCH_FACTOR,
    },
  );

  return {
    ids: ENGAGE_IDS,
    sitesAll: visibleSites,
    siteById: numericKeys(site, integerId),
    teamById: numericKeys(team, integerId),
    agentById: numericKeys(agent, integerId),
    teamsBySite: numericKeys(
      new DataLoader(
        withPriming(teamsBySite(deps), (teams) => primeAll(team, teams)),
        batched,
      ),
      integerId,
    ),
    agentsBySite: numericKeys(
      new DataLoader(
        withPriming(agentsBySite(deps), (agents) => primeAll(agent, agents)),
        batched,
      ),
      integerId,
    ),
    agentsByTeam: numericKeys(
      new DataLoader(
        withPriming(agentsByTeam(deps), (agents) => primeAll(agent, agents)),
        batched,
      ),
      integerId,
    ),
    scheduleByAgentRange: numericKeys(scheduleLoader, integerScheduleKey),
    wfmUser: caller,
    openId: new SingleLoader(openId(deps)),
  };
}

/** A schedule key with integer ids, or null (see `numericKeys`). */
function integerScheduleKey(key: ScheduleKey<WfmId>): ScheduleKey | null {
  const { siteId, agentId } = key;
  return typeof siteId === 'number' && typeof agentId === 'number'
    ? { siteId, agentId, fromMs: key.fromMs, toMs: key.toMs }
    : null;
}

function positiveInt(
  name: string,
  value: number | undefined,
  fallback: number,
  max = Infinity,
): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new RangeError(
      `createLoaders: ${name} must be an integer from 1${max === Infinity ? '' : ` to ${max}`}, got ${String(n)}`,
    );
  }
  return n;
}

/** Wraps a list batch function so each successful list also primes a by-id loader. */
function withPriming<K, R>(
  batch: DataLoader.BatchLoadFn<K, R[]>,
  prime: (records: readonly R[]) => void,
): DataLoader.BatchLoadFn<K, R[]> {
  return async (keys) => {
    const lists = await batch(keys);
    for (const list of Array.from(lists)) if (!(list instanceof Error)) prime(list);
    return lists;
  };
}
