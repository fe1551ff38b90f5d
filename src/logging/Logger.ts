/** LOG_LEVEL: the least severe level written; `silent` writes nothing. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/**
 * The gateway's logging contract; also satisfies Apollo Server's `Logger` interface. The one
 * implementation that writes is `createJsonLogger` (it redacts credentials wherever they appear).
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;

/** A logger that drops everything (tests, and the default when none is given). */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** What may be logged of an unexpected error: name, message and stack, nothing attached to it. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { error: { name: error.name, message: error.message, stack: error.stack } };
  return { error: { value: typeof error } };
}
