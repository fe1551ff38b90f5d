import type { SimService } from '../types.js';

/** The ways a response can be spoiled. */
export type FaultKind =
  | 'latency'
  | 'status'
  | 'reset'
  | 'malformed'
  | 'truncated'
  | 'html'
  | 'soapFault'
  | 'trickle'
  | 'rateLimit'
  | 'hang'
  | 'body';

/** Every fault kind, for validation. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'reset',
  'malformed',
  'truncated',
  'html',
  'soapFault',
  'trickle',
  'rateLimit',
  'hang',
  'body',
];

/**
 * A fault to inject. Matching fields left out match everything. `times` counts down per matched
 * request; when absent the rule stays until removed.
 */
export interface FaultRule {
  service?: SimService;
  operation?: string;
  /** User name of the request's token (`sam.supervisor`). */
  identity?: string;
  times?: number;
  kind: FaultKind;
  /** latency: delay before the normal answer; trickle: total time to send the body. */
  ms?: number;
  /** status: the HTTP status to answer (default 500). */
  status?: number;
  /** status/rateLimit: `Retry-After` seconds; null → header omitted (rateLimit default 1). */
  retryAfterSec?: number | null;
  /** soapFault: `soap:Server` (default) or `soap:Client`. */
  faultCode?: string;
  faultString?: string;
  /** soapFault: WFMError detail code (default SERVER_ERROR). */
  detailCode?: string;
  /** body: the exact answer body (with `status`, default 200, and `contentType`). For hostile-reply tests. */
  body?: string;
  /** body: the `Content-Type` of the answer (default `application/octet-stream`). */
  contentType?: string;
}

/** A stored rule with its id and remaining count. */
export interface ActiveFaultRule extends FaultRule {
  id: string;
}

/** What a request is matched on. */
export interface FaultTarget {
  service: SimService;
  operation: string;
  identity: string | null;
}

/**
 * The run-time fault switchboard. Rules are tried in insertion order; the first match wins and
 * consumes one of its `times`.
 */
export class FaultController {
  readonly #rules: ActiveFaultRule[] = [];
  #nextId = 1;

  /** Adds a rule; returns its id. Throws on a rule that cannot work (the message says why). */
  add(rule: FaultRule): string {
    validateRule(rule);
    const id = `f${this.#nextId++}`;
    this.#rules.push({ ...rule, id });
    return id;
  }

  /** Removes one rule; false when no rule has that id. */
  remove(id: string): boolean {
    const i = this.#rules.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.#rules.splice(i, 1);
    return true;
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** Copies of the active rules. */
  list(): ActiveFaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  /** Finds the first matching rule and consumes one use of it. */
  take(target: FaultTarget): ActiveFaultRule | null {
    for (let i = 0; i < this.#rules.length; i++) {
      const rule = this.#rules[i]!;
      if (rule.service !== undefined && rule.service !== target.service) continue;
      if (rule.operation !== undefined && rule.operation !== target.operation) continue;
      if (rule.identity !== undefined && rule.identity !== target.identity) continue;
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) this.#rules.splice(i, 1);
      }
      return { ...rule };
    }
    return null;
  }
}

function validateRule(rule: FaultRule): void {
  if (!FAULT_KINDS.includes(rule.kind)) {
    throw new Error(
      `fault rule: kind must be one of ${FAULT_KINDS.join(', ')}; got ${String(rule.kind)}`,
    );
  }
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
    throw new Error(`fault rule: times must be a positive integer; got ${String(rule.times)}`);
  }
  if (rule.ms !== undefined && (!Number.isFinite(rule.ms) || rule.ms < 0)) {
    throw new Error(`fault rule: ms must be a non-negative number; got ${String(rule.ms)}`);
  }
  if (
    rule.status !== undefined &&
    (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)
  ) {
    throw new Error(
      `fault rule: status must be an HTTP status 100..599; got ${String(rule.status)}`,
    );
  }
  if (rule.kind === 'body' && typeof rule.body !== 'string') {
    throw new Error('fault rule: kind body needs body (a string)');
  }
  const r = rule.retryAfterSec;
  if (r !== undefined && r !== null && (!Number.isInteger(r) || r < 0)) {
    throw new Error(
      `fault rule: retryAfterSec must be a non-negative integer or null; got ${String(r)}`,
    );
  }
}
