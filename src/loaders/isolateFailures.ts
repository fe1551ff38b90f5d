import { isUpstreamError } from '../errors/UpstreamError.js';

/**
 * True for the WFM failures one named id causes on its own: an unknown id (NOT_FOUND) or one the
 * caller may not see (INSUFFICIENT_PRIVILEGES), e.g. a site id in a GetTeam/GetAgent filter.
 */
export function isPerKeyFailure(error: unknown): boolean {
  return (
    isUpstreamError(error) &&
    (error.kind === 'NOT_FOUND' ||
      (error.kind === 'FORBIDDEN' && error.reason === 'INSUFFICIENT_PRIVILEGES'))
  );
}

/**
 * Runs `batch` for all keys at once. WFM refuses a whole request when one of its ids is unknown
 * or invisible; so when a batch of several keys fails that way (and only then), each key is asked
 * for alone and gets its own answer or error, instead of one bad key failing its neighbours.
 * Any other failure fails the batch as it is (retrying it per key would multiply the load).
 */
export async function isolateFailures<K, V>(
  keys: readonly K[],
  batch: (keys: readonly K[]) => Promise<V[]>,
): Promise<(V | Error)[]> {
  try {
    return await batch(keys);
  } catch (error) {
    if (keys.length === 1 || !isPerKeyFailure(error)) throw error;
  }
  return Promise.all(
    keys.map(async (key): Promise<V | Error> => {
      try {
        const [value] = await batch([key]);
        return value === undefined ? new Error('batch returned no value') : value;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}
