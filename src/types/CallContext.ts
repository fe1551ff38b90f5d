import type { RequestBudget } from '../shared/RequestBudget.js';
import type { RequestMemo } from '../shared/RequestMemo.js';
import type { RequestTally } from './RequestTally.js';

/**
 * What every upstream call carries: the caller's own credentials and the request's lifetime.
 * Created per GraphQL request; never stored on a shared client.
 */
export interface CallContext {
  /** The caller's raw Bearer token, forwarded as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** HMAC of the token (hex); safe for cache keys and logs. */
  readonly tokenHash: string;
  /**
   * HMAC standing for the token's user (`userKeyOf`), set once the token check has named them:
   * global sign-out and password change drop every token of this user. Optional: shared calls
   * and calls before the check carry none.
   */
  readonly userKey?: string;
  /** Aborted when the client disconnects or the gateway deadline passes. */
  readonly signal?: AbortSignal;
  /**
   * When the gateway deadline passes (epoch ms; `signal` aborts then). Retry policies use it to
   * decide whether a wait (backoff, `Retry-After`) still fits. Optional: calls shared between
   * callers carry none.
   */
  readonly deadlineAtMs?: number;
  /** Correlates log lines of one gateway request. */
  readonly requestId?: string;
  /**
   * This request's cost counters (upstream calls, cache hits, coalesced calls), counted into by
   * the cache and counting layers of the upstream stack (src/createUpstreams.ts). Optional.
   */
  readonly tally?: RequestTally;
  /**
   * What this request may still spend (upstream calls, answer items); charged by the SOAP
   * budget decorator (counters/budgetedSoap.ts), the schedule loader and the list resolvers.
   * Optional: without it nothing is limited.
   */
  readonly budget?: RequestBudget;
  /**
   * This request's memo of answers several of its parts need (see `RequestMemo`); created by the
   * context factory. Optional: without it every call goes upstream.
   */
  readonly memo?: RequestMemo;
}
