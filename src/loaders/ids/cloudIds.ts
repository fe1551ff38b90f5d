import { GatewayError } from '../../errors/GatewayError.js';
import type { IdFormat } from '../Loaders.js';

/** A Genesys Cloud id: a GUID (`8-4-4-4-12` hex digits). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Genesys Cloud id behind a GraphQL `ID`, lower-cased (the Platform API prints them so, and
 * one spelling keeps cache keys and comparisons exact).
 *
 * @throws GatewayError BAD_USER_INPUT "unknown id format" when `value` is not a GUID.
 */
export function parseCloudId(value: string, argument: string): string {
  if (!GUID.test(value))
    throw GatewayError.badUserInput(
      `${argument}: unknown id format (expected a Genesys Cloud id such as "3b8a7f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b").`,
      { argument },
    );
  return value.toLowerCase();
}

/** Cloud's ids: GUIDs. */
export const CLOUD_IDS: IdFormat = {
  parse: parseCloudId,
  parseList: (values, argument, maxLength) => {
    if (values.length > maxLength)
      throw GatewayError.badUserInput(
        `${argument}: at most ${maxLength} ids per request; ask in several requests.`,
        { argument, limit: 'LIST_ARGUMENT', maxLength },
      );
    return [...new Set(values.map((value) => parseCloudId(value, argument)))];
  },
};
