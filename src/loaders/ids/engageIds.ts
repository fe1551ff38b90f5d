import { GatewayError } from '../../errors/GatewayError.js';
import type { IdFormat } from '../Loaders.js';

/** WFM ids are positive 32-bit integers (`int` in the WFM 8.5 WSDLs). */
const WFM_ID = /^[1-9][0-9]{0,9}$/;
const MAX_WFM_ID = 2_147_483_647;

/**
 * The WFM numeric id behind a GraphQL `ID` (ids are opaque strings of WFM's integers).
 *
 * @param argument names the argument in the error message, e.g. `siteId` or `agentIds`.
 * @throws GatewayError BAD_USER_INPUT "unknown id format" when `value` is not such an id.
 */
export function parseId(value: string, argument: string): number {
  const id = WFM_ID.test(value) ? Number(value) : NaN;
  if (!(id <= MAX_WFM_ID)) {
    throw GatewayError.badUserInput(
      `${argument}: unknown id format (expected a WFM id such as "101").`,
      {
        argument,
      },
    );
  }
  return id;
}

/**
 * {@link parseId} for every value of a list argument, duplicates removed, order kept.
 *
 * @throws GatewayError BAD_USER_INPUT with `limit: LIST_ARGUMENT` when the list holds more than
 *   `maxLength` values (checked first, before any id is read).
 */
export function parseIds(values: readonly string[], argument: string, maxLength: number): number[] {
  if (values.length > maxLength) {
    throw GatewayError.badUserInput(
      `${argument}: at most ${maxLength} ids per request; ask in several requests.`,
      { argument, limit: 'LIST_ARGUMENT', maxLength },
    );
  }
  return [...new Set(values.map((value) => parseId(value, argument)))];
}

/** Engage's ids: WFM 8.5 integers. */
export const ENGAGE_IDS: IdFormat = { parse: parseId, parseList: parseIds };
