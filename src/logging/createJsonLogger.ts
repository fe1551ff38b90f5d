import type { LogLevel, Logger } from './Logger.js';
import type { KnownSecrets } from './KnownSecrets.js';
import { redactedJson } from './redact.js';

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** LOG_LEVEL: lines below it are dropped (`silent` drops all). */
  level: LogLevel;
  /** Credentials of the requests in flight, removed wherever they appear. */
  secrets?: KnownSecrets;
  /** Where each JSON line goes; default stderr. */
  write?: (line: string) => void;
  /** Fields added to every line (e.g. `{ service: 'gateway' }`). */
  base?: Record<string, unknown>;
}

const RANK: Readonly<Record<LogLevel, number>> = {
  silent: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
};

/**
 * The production logger: one JSON object per line (`time`, `level`, `msg`, then the fields),
 * at or above `level`, with every credential redacted (see `redactedJson`): secret-named fields,
 * `Bearer …` inside any string including the message, JWTs, OAuth parameters, and the raw tokens
 * of requests in flight. Satisfies the gateway's and Apollo Server's `Logger`. Never throws.
 */
export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const threshold = RANK[options.level];
  const emit =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (RANK[level] > threshold) return;
      try {
        write(
          redactedJson(
            {
              time: new Date().toISOString(),
              level,
              msg: String(message),
              ...options.base,
              ...fields,
            },
            options.secrets,
          ),
        );
      } catch {
        // A log line must never fail the request that wrote it.
      }
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
