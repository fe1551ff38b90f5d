import type { LogLevel } from '../config.js';

/** A minimal structured logger; also satisfies Apollo Server's `Logger` interface. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Readonly<Record<LogLevel, number>> = {
  silent: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
};

/**
 * JSON lines on stderr at or above `level`. Callers pass messages and fields they wrote
 * themselves: never a token, an Authorization header or an upstream body (use the token hash).
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const emit =
    (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
      if (RANK[at] > RANK[level]) return;
      try {
        write(
          JSON.stringify({
            time: new Date().toISOString(),
            level: at,
            msg: String(message),
            ...fields,
          }),
        );
      } catch {
        write(JSON.stringify({ time: new Date().toISOString(), level: at, msg: String(message) }));
      }
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent');

/** What may be logged of an unexpected error: name, message and stack, nothing attached to it. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { error: { name: error.name, message: error.message, stack: error.stack } };
  return { error: { value: typeof error } };
}
