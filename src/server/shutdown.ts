import type { Health } from './monitoring/health.js';
import { describeError, type Logger } from '../logging/Logger.js';
import type { Monitor } from './monitoring/Monitor.js';

/** What a graceful shutdown stops, and how patiently. */
export interface ShutdownParts {
  health: Health;
  /** Its in-flight requests are aborted (a GraphQL error, not a cut connection) just before the grace period ends. */
  monitor?: Monitor | null;
  /** The listening gateway (`RunningServer.stop`: close the listener, drain, stop Apollo). */
  server: { stop(): Promise<void> };
  /** Run in order once the server stopped (upstream dispatcher, demo simulator…). */
  closers?: ReadonlyArray<() => Promise<void>>;
  logger: Logger;
  /** SHUTDOWN_DELAY_MS: readiness is false but requests are still accepted, in ms. */
  delayMs: number;
  /**
   * SHUTDOWN_GRACE_MS: how long in-flight requests may run after the listener closed, in ms.
   * Must match the `stopGracePeriodMs` the server was built with (its drain force-closes sockets then).
   */
  graceMs: number;
}

/**
 * Builds the graceful shutdown: (1) `/readyz` turns 503 at once; (2) for `delayMs` requests are
 * still served (a load balancer notices the readiness change); (3) the listener closes and
 * in-flight requests get up to `graceMs` to finish — shortly before that ends, requests still
 * running are aborted so they answer with a GraphQL error rather than a cut connection; (4) the closers run. Resolves with the exit code (0, or 1 if a step failed); call
 * it at most once.
 */
export function createShutdown(parts: ShutdownParts): (signal: string) => Promise<number> {
  return async (signal) => {
    const { health, monitor, logger } = parts;
    health.beginShutdown();
    logger.info('shutting down', {
      signal,
      inFlight: monitor?.inFlight ?? null,
      delayMs: parts.delayMs,
      graceMs: parts.graceMs,
    });
    try {
      if (parts.delayMs > 0) await sleep(parts.delayMs);
      const margin = Math.min(1_000, Math.floor(parts.graceMs / 4));
      const abortTimer = setTimeout(() => {
        const aborted = monitor?.abortInFlight() ?? 0;
        if (aborted > 0)
          logger.warn('shutdown grace period ending: aborting requests', { aborted });
      }, parts.graceMs - margin);
      try {
        await parts.server.stop();
      } finally {
        clearTimeout(abortTimer);
      }
      for (const close of parts.closers ?? []) await close();
      logger.info('shut down', { signal });
      return 0;
    } catch (error) {
      logger.error('shutdown failed', describeError(error));
      return 1;
    }
  };
}

/** Where signals come from and how the process ends (injectable for tests). */
export interface ShutdownProcess {
  once(signal: 'SIGTERM' | 'SIGINT', listener: (signal: string) => void): unknown;
  exit(code: number): void;
}

/**
 * Runs {@link createShutdown} on the first SIGTERM or SIGINT and exits with its code; if the whole
 * shutdown takes longer than `delayMs + graceMs + 5 s`, exits 1 anyway.
 */
export function installShutdown(parts: ShutdownParts, proc: ShutdownProcess = process): void {
  const shutdown = createShutdown(parts);
  let started = false;
  const onSignal = (signal: string): void => {
    if (started) return;
    started = true;
    setTimeout(
      () => {
        parts.logger.error('shutdown took too long; exiting');
        proc.exit(1);
      },
      parts.delayMs + parts.graceMs + 5_000,
    ).unref();
    void shutdown(signal).then((code) => proc.exit(code));
  };
  proc.once('SIGTERM', () => onSignal('SIGTERM'));
  proc.once('SIGINT', () => onSignal('SIGINT'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
