import { GatewayError } from '../errors/GatewayError.js';

/** The per-request budgets; every number is a count. */
export interface RequestBudgetLimits {
  /**
   * REQUEST_MAX_UPSTREAM_CALLS: WFM SOAP calls one GraphQL request may ask for (after its
   * loaders batched them; a response-cache hit counts too, so the verdict does not depend on
   * what others cached). Default 100.
   */
  readonly maxUpstreamCalls: number;
  /**
   * REQUEST_MAX_ANSWER_ITEMS: list elements one answer may hold (sites, teams, agents, schedules,
   * schedule items, counted as resolvers return them), and the estimate a schedule batch is
   * checked against before its calls go out. Default 25,000 (R15: the worst answer that fits
   * peaks at about 2.4 KB of heap per item, ≈ 60 MB).
   */
  readonly maxAnswerItems: number;
}

/** Which budget a request broke; sent as `extensions.limit`. */
export type BudgetLimit = 'UPSTREAM_CALLS' | 'ANSWER_ITEMS';

/** The RELIABILITY.md R15 defaults (docs/configuration.md "Request limits" explains the heap they bound). */
export const DEFAULT_REQUEST_BUDGET: RequestBudgetLimits = Object.freeze({
  maxUpstreamCalls: 100,
  maxAnswerItems: 25_000,
});

/**
 * What one GraphQL request may still spend: upstream calls and answer items. The static cost
 * model at the front door prices a document before anything is known; this budget prices what
 * really happens (a site's real agent count, the ids a caller sent, the days of a range) and
 * stops the request with `BAD_USER_INPUT` and `extensions.limit` BEFORE the part that would not
 * fit is fetched or built. Once broken it stays broken: every later charge of the request fails
 * at once, so a request over budget stops spending instead of finishing its other branches.
 */
export class RequestBudget {
  readonly limits: RequestBudgetLimits;
  #calls = 0;
  #items = 0;
  #broken: BudgetLimit | undefined;

  constructor(limits: RequestBudgetLimits) {
    this.limits = limits;
  }

  /** Upstream calls charged so far. */
  get upstreamCalls(): number {
    return this.#calls;
  }

  /** Answer items charged so far. */
  get answerItems(): number {
    return this.#items;
  }

  /** The budget this request broke, if any. */
  get broken(): BudgetLimit | undefined {
    return this.#broken;
  }

  /** Charges one upstream call; throws (and breaks the budget) when it would exceed the limit. */
  chargeCall(): void {
    this.#throwIfBroken();
    if (this.#calls + 1 > this.limits.maxUpstreamCalls) this.#break('UPSTREAM_CALLS');
    this.#calls += 1;
  }

  /** Charges `count` answer items; throws (and breaks the budget) when they do not fit. */
  chargeItems(count: number): void {
    this.ensureRoom(count);
    this.#items += count;
  }

  /**
   * Throws (and breaks the budget) when `estimate` more items would not fit in what remains,
   * without charging them: the check before a fetch whose answer is charged when it is returned.
   */
  ensureRoom(estimate: number): void {
    this.#throwIfBroken();
    if (this.#items + estimate > this.limits.maxAnswerItems) this.#break('ANSWER_ITEMS');
  }

  #throwIfBroken(): void {
    if (this.#broken !== undefined) throw budgetError(this.#broken);
  }

  #break(limit: BudgetLimit): never {
    this.#broken = limit;
    throw budgetError(limit);
  }
}

/** Charges `items.length` answer items to `budget` (when there is one) and returns `items`. */
export function charged<T>(budget: RequestBudget | undefined, items: T[]): T[] {
  budget?.chargeItems(items.length);
  return items;
}

const TEXT: Readonly<Record<BudgetLimit, string>> = {
  UPSTREAM_CALLS:
    'The request needs more upstream calls than one request may make; ask for fewer sites, agents or days at once.',
  ANSWER_ITEMS:
    'The answer would hold more items than one request may return; ask for fewer sites, agents or days at once.',
};

// No number in the message: the same text in every profile, like the front door's in production.
function budgetError(limit: BudgetLimit): GatewayError {
  return GatewayError.badUserInput(TEXT[limit], { limit });
}
