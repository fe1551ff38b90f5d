import type { ErrorCode } from './codes.js';

/** Extra `extensions` entries of a {@link GatewayError}: primitives only, never upstream text. */
export type GatewayErrorExtras = Readonly<Record<string, string | number | boolean | null>>;

export interface GatewayErrorOptions {
  /** Merged into `extensions` next to `code` (a `code` key here is ignored). */
  extensions?: GatewayErrorExtras;
  cause?: unknown;
}

/**
 * An error the gateway raises itself (bad arguments, unknown ids, missing credentials). Its
 * `message` is shown to the client as is, so it must be written for the client and never embed
 * a token or upstream text. Upstream failures use `UpstreamError` instead.
 */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly extensions: GatewayErrorExtras;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.extensions = Object.freeze({ ...options.extensions });
  }

  /** Arguments the gateway rejects itself (range `to` ≤ `from`, range too long, id format). */
  static badUserInput(message: string, extensions?: GatewayErrorExtras): GatewayError {
    return new GatewayError('BAD_USER_INPUT', message, { extensions });
  }

  /** The addressed object does not exist (or is not visible to the caller). */
  static notFound(message: string, extensions?: GatewayErrorExtras): GatewayError {
    return new GatewayError('NOT_FOUND', message, { extensions });
  }

  /** The field is not answered on this deployment's platform (GENESYS_PLATFORM, CONTRACT §8). */
  static notSupported(message: string): GatewayError {
    return new GatewayError('NOT_SUPPORTED', message);
  }

  /** No, malformed or rejected Bearer token. */
  static unauthenticated(message: string, cause?: unknown): GatewayError {
    return new GatewayError('UNAUTHENTICATED', message, { cause });
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
