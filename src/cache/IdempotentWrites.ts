import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../errors/GatewayError.js';
import {
  isUpstreamError,
  UpstreamError,
  type UpstreamErrorKind,
  type UpstreamErrorOptions,
} from '../errors/UpstreamError.js';
import type { CallContext } from '../types/CallContext.js';
import type { EncryptedKv } from './shared/EncryptedKv.js';
import { canonicalJson } from './WholeAnswerCache.js';

/** Options of {@link IdempotentWrites}; every number carries its unit. */
export interface IdempotentWritesOptions {
  /** Where outcomes live: in process, or on Redis (shared by every replica) with REDIS_URL. */
  store: EncryptedKv;
  /** How long a first outcome is answered again, ms (IDEMPOTENCY_TTL_MS, default 24 h). */
  ttlMs: number;
  /**
   * How long a write holds its key against other replicas while it runs, ms: at least the
   * request deadline, so a claim outlives the write it guards.
   */
  claimMs: number;
  /** Pause between looks while another replica's write with the same key runs, ms. Default 50. */
  pollMs?: number;
}

/** A stored outcome: what the write answered, and the fingerprint of what it was asked. */
type Stored =
  | { readonly fp: string; readonly ok: unknown }
  | { readonly fp: string; readonly upstream: StoredUpstreamError };

interface StoredUpstreamError {
  readonly kind: UpstreamErrorKind;
  readonly message: string;
  readonly options: Omit<UpstreamErrorOptions, 'cause'>;
}

/** Longest idempotency key accepted (characters). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

const replays = new WeakSet<object>();

/** True for a value or error that {@link IdempotentWrites.run} answered from an earlier outcome. */
export function wasReplayed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && replays.has(value);
}

/**
 * Writes that happen at most once per intent. A caller (the user's HMAC, else the token's) names
 * an intent with an idempotency key; the first call with it writes and its outcome is stored for
 * `ttlMs`; a later call with the same key answers that outcome (a copy, `wasReplayed`) without
 * writing, and one with the same key but other arguments is BAD_USER_INPUT. Concurrent calls
 * with one key write once: on this replica they share the running write; across replicas the
 * first holds a claim in the store and the others wait for its outcome (within their deadline;
 * past it, CONFLICT "still in progress").
 *
 * Which outcomes are kept: successes, and every failure that may have followed a write upstream
 * (a refusal, a timeout, a 5xx), so a retry with the key can never write a second time. Not kept,
 * so the same key can be tried again: RATE_LIMITED and UNAUTHENTICATED (Genesys refused before
 * writing) and every error that is not an upstream answer (nothing was decided upstream).
 */
export class IdempotentWrites {
  readonly #options: IdempotentWritesOptions;
  /** Writes running on this replica, by id: a concurrent duplicate shares the first one's outcome. */
  readonly #running = new Map<string, Promise<{ stored: Stored; replayed: boolean }>>();

  constructor(options: IdempotentWritesOptions) {
    for (const name of ['ttlMs', 'claimMs'] as const)
      if (!Number.isSafeInteger(options[name]) || options[name] < 1)
        throw new TypeError(`IdempotentWrites: ${name} must be a positive integer (ms)`);
    this.#options = options;
  }

  /**
   * Runs `write` once per (caller, `key`): see the class comment. Without a key, `write` runs
   * as it is. `operation` and `args` make the fingerprint a replay must match.
   */
  async run<T>(
    ctx: CallContext,
    key: string | undefined,
    operation: string,
    args: unknown,
    write: () => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return write();
    if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
      throw GatewayError.badUserInput(
        `idempotencyKey must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
        { argument: 'idempotencyKey' },
      );
    const id = `idempotency\u0000${ctx.userKey ?? ctx.tokenHash}\u0000${key}`;
    const fp = createHash('sha256').update(canonicalJson({ operation, args })).digest('base64url');
    const running = this.#running.get(id);
    if (running) return replayOf(fp, (await running).stored) as T;
    const first = this.#first(ctx, id, fp, write);
    this.#running.set(id, first);
    try {
      const outcome = await first;
      return (outcome.replayed ? replayOf(fp, outcome.stored) : unwrap(outcome.stored)) as T;
    } finally {
      this.#running.delete(id);
    }
  }

  /** The stored outcome, or the write's (stored unless retryable), with whether it was stored before. */
  async #first<T>(
    ctx: CallContext,
    id: string,
    fp: string,
    write: () => Promise<T>,
  ): Promise<{ stored: Stored; replayed: boolean }> {
    const { store, ttlMs, claimMs } = this.#options;
    const before = parseStored(await store.get(id));
    if (before) return { stored: before, replayed: true };
    if (!(await store.claim(id, claimMs))) {
      const later = await this.#waitFor(ctx, id);
      if (later) return { stored: later, replayed: true };
      throw new GatewayError(
        'CONFLICT',
        'A write with this idempotencyKey is still in progress; ask again later with the same key.',
      );
    }
    try {
      let stored: Stored;
      try {
        stored = { fp, ok: await write() };
      } catch (error) {
        const failure = storedError(fp, error);
        if (failure === null) throw error;
        stored = failure;
      }
      await store.set(id, stored, ttlMs);
      return { stored, replayed: false };
    } finally {
      await store.release(id);
    }
  }

  async #waitFor(ctx: CallContext, id: string): Promise<Stored | undefined> {
    const until = Math.min(ctx.deadlineAtMs ?? Infinity, Date.now() + this.#options.claimMs);
    while (Date.now() < until && !ctx.signal?.aborted) {
      await sleep(this.#options.pollMs ?? 50, undefined, { ref: false });
      const found = parseStored(await this.#options.store.get(id));
      if (found) return found;
    }
    return undefined;
  }
}

/** The outcome as the first caller gets it. */
function unwrap(stored: Stored): unknown {
  if ('ok' in stored) return stored.ok;
  throw rebuild(stored);
}

/** A copy of the outcome for a later caller, marked as replayed; other arguments are refused. */
function replayOf(fp: string, s: Stored): unknown {
  if (s.fp !== fp)
    throw GatewayError.badUserInput(
      'idempotencyKey was already used for a different write; use a new key for a new intent.',
      { argument: 'idempotencyKey' },
    );
  if ('ok' in s) {
    const copy = JSON.parse(JSON.stringify(s.ok)) as object;
    replays.add(copy);
    return copy;
  }
  const error = rebuild(s);
  replays.add(error);
  throw error;
}

function rebuild(stored: { upstream: StoredUpstreamError }): Error {
  return new UpstreamError(stored.upstream.kind, stored.upstream.message, stored.upstream.options);
}

/** What is kept of a failed write, or null when the key may be tried again (class comment). */
function storedError(fp: string, error: unknown): Stored | null {
  if (isUpstreamError(error)) {
    if (error.kind === 'RATE_LIMITED' || error.kind === 'UNAUTHENTICATED') return null;
    const options: Omit<UpstreamErrorOptions, 'cause'> & { cause?: unknown } = error.options();
    delete options.cause;
    return { fp, upstream: { kind: error.kind, message: error.message, options } };
  }
  return null;
}

function parseStored(value: unknown): Stored | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.fp !== 'string') return undefined;
  if ('ok' in o) return o as Stored;
  const upstream = o.upstream as
    { kind?: unknown; message?: unknown; options?: unknown } | undefined;
  const ok =
    typeof upstream?.kind === 'string' &&
    typeof upstream.message === 'string' &&
    typeof upstream.options === 'object' &&
    upstream.options !== null;
  return ok ? (o as Stored) : undefined;
}
