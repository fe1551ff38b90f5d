import { isUpstreamError } from '../errors/UpstreamError.js';
import { alignById } from './align.js';
import { isolateFailures } from './isolateFailures.js';

/**
 * The shared body of the `<thing>ById` batch functions: one upstream call for all ids, each id
 * answered with its record, or null when the upstream does not return it or says NOT_FOUND
 * (unknown, or not visible to the caller; WFM does not tell the two apart). A NOT_FOUND for a
 * batch of several ids is narrowed down id by id (see `isolateFailures`).
 */
export function lookupByIds<R>(
  ids: readonly number[],
  fetch: (ids: readonly number[]) => Promise<R[]>,
  idOf: (record: R) => number,
): Promise<(R | null | Error)[]> {
  return isolateFailures(ids, async (some): Promise<(R | null)[]> => {
    try {
      return alignById(some, await fetch(some), idOf);
    } catch (error) {
      if (some.length === 1 && isUpstreamError(error) && error.kind === 'NOT_FOUND') return [null];
      throw error;
    }
  });
}
