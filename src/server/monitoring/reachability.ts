import { connect } from 'node:net';
import type { CheckResult, ReadinessCheck } from './health.js';

/** Options of {@link reachabilityCheck}. */
export interface ReachabilityOptions {
  /** TCP connect deadline, in ms (READINESS_PROBE_TIMEOUT_MS). */
  timeoutMs: number;
  /** How long an answer is reused, in ms (READINESS_CACHE_MS); 0 = probe on every call. */
  cacheMs: number;
  /** Opens and closes one TCP connection; injectable for tests. Default: node:net. */
  probe?: (host: string, port: number, timeoutMs: number) => Promise<boolean>;
  /** Monotonic clock in ms; default `performance.now`. */
  now?: () => number;
}

/**
 * Readiness of one upstream origin: can a TCP connection be opened to its host and port? That is
 * all it asks — no request, no token, nothing logged upstream — so probing often is cheap for
 * both sides. The answer is reused for `cacheMs`, and concurrent `/readyz` calls share one probe.
 * A reachable port does not prove the service answers correctly; the request metrics do that.
 */
export function reachabilityCheck(
  name: string,
  url: string,
  options: ReachabilityOptions,
): ReadinessCheck {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const probe = options.probe ?? tcpProbe;
  const now = options.now ?? (() => performance.now());
  let last: { at: number; result: CheckResult } | undefined;
  let running: Promise<CheckResult> | undefined;
  return {
    name,
    run() {
      if (last && now() - last.at < options.cacheMs) return Promise.resolve(last.result);
      running ??= probe(host, port, options.timeoutMs)
        .catch(() => false)
        .then((reachable) => {
          const result: CheckResult = reachable
            ? { ok: true, state: 'ok' }
            : { ok: false, state: 'unreachable' };
          last = { at: now(), result };
          running = undefined;
          return result;
        });
      return running;
    },
  };
}

/** Opens a TCP connection and closes it at once; false on error or after `timeoutMs`. */
export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
