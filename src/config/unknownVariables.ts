import { closest, distance } from 'fastest-levenshtein';

/**
 * Name prefixes that belong to this gateway: every variable it reads under one of them is listed
 * in docs/configuration.md, so any other name under them is a typo or a variable that no longer
 * exists. Prefixes shared with common tools (`NODE_`, `LOG_`, `MAX_`) are left out; near misses of
 * those names are still caught by edit distance.
 */
export const GATEWAY_PREFIXES = [
  'GENESYS_',
  'SIMULATOR_',
  'CACHE_',
  'GRAPHQL_',
  'UPSTREAM_',
  'SOAP_',
  'TOKEN_',
  'SHUTDOWN_',
  'READINESS_',
  'METRICS_',
  'PLAYGROUND_',
  'OAUTH_',
  'LOADER_',
  'SCHEDULE_',
] as const;

/** A variable that is set, is not one the gateway reads, and looks like one of its names. */
export interface UnknownVariable {
  /** The name as set. */
  readonly variable: string;
  /** The known name closest to it by edit distance. */
  readonly closest: string;
  /** Where it was set. */
  readonly source: 'environment' | '.env';
}

/**
 * The names in `names` that look like ours but are not in `known`: under a
 * {@link GATEWAY_PREFIXES} prefix, or within a small edit distance of a known name once both are
 * upper-cased (`GENESIS_AUTH_URL`, `port`, `LOGLEVEL`). The allowed distance grows with the known
 * name's length: none below 6 characters (so `HOME` is not taken for `HOST`), 1 up to 9, 2 from 10.
 */
export function findUnknownVariables(
  names: Iterable<string>,
  known: ReadonlySet<string>,
  source: UnknownVariable['source'],
): UnknownVariable[] {
  const knownNames = [...known];
  if (knownNames.length === 0) return [];
  const found: UnknownVariable[] = [];
  for (const variable of names) {
    if (known.has(variable)) continue;
    const upper = variable.toUpperCase();
    const nearest = closest(upper, knownNames);
    const ours =
      GATEWAY_PREFIXES.some((prefix) => upper.startsWith(prefix)) ||
      distance(upper, nearest) <= allowedDistance(nearest.length);
    if (ours) found.push({ variable, closest: nearest, source });
  }
  return found;
}

function allowedDistance(length: number): number {
  if (length < 6) return 0;
  return length < 10 ? 1 : 2;
}
