import type { GatewayContext } from '../GatewayContext.js';

/**
 * One answer of `Query._entities` (a router resolving a reference another subgraph holds): the
 * record the request's loader found, or null when it is unknown or not visible to the caller.
 *
 * The record is copied: cached records are frozen (src/cache/freezeAndMeasure.ts), and
 * `@apollo/subgraph` marks each entity it returns with its `__typename`. Each entity found is one
 * answer item of the request's budget, as each element of a list field is.
 */
export async function entity<R extends object>(
  ctx: GatewayContext,
  found: Promise<R | null> | R | null,
): Promise<R | null> {
  const record = await found;
  if (record === null) return null;
  ctx.call.budget?.chargeItems(1);
  return { ...record };
}
