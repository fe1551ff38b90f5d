import type { GraphQLFormattedError } from 'graphql';
import { classifyError, INTERNAL_ERROR_MESSAGE, type ClassifyOptions } from './classifyError.js';

export interface FormatErrorOptions extends ClassifyOptions {
  /** Add `extensions.stacktrace` to INTERNAL_SERVER_ERRORs (development only; never in production). */
  includeStacktrace?: boolean;
  /** Called once per unanticipated error, with the error itself (for the log). Must not throw; if it does, it is ignored. */
  onInternalError?: (error: unknown) => void;
}

/** Apollo Server's `formatError` signature. */
export type FormatError = (
  formattedError: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/** What a request id looks like (the server's `x-request-id` rule, a UUID or a trace id). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const LAST_RESORT: GraphQLFormattedError = Object.freeze({
  message: INTERNAL_ERROR_MESSAGE,
  extensions: Object.freeze({ code: 'INTERNAL_SERVER_ERROR' }),
});

/**
 * Builds THE error boundary (CONTRACT §5): every error leaving the gateway passes here and gets
 * exactly one `extensions.code` of our set. Total: whatever it is given, it returns a formatted
 * error and never throws. Extensions are rebuilt from scratch, so nothing Apollo, graphql-js or a
 * resolver attached (upstream bodies, `http`, exception details) leaks through; only a
 * `requestId` of the request-id shape is kept.
 */
export function createFormatError(options: FormatErrorOptions = {}): FormatError {
  return (formattedError, error) => {
    try {
      const classified = classifyError(error, options);
      if (classified.internal && options.onInternalError) {
        try {
          options.onInternalError(classified.source);
        } catch {
          // Logging must never turn one error into another.
        }
      }
      const extensions: Record<string, unknown> = {
        code: classified.code,
        ...classified.extensions,
      };
      // The request id the server put there (requestIdPlugin, contextFailure): safe by its shape.
      const requestId = formattedError?.extensions?.['requestId'];
      if (typeof requestId === 'string' && REQUEST_ID.test(requestId))
        extensions['requestId'] = requestId;
      // Only bugs get a stack (development): anticipated errors are fully described by their code.
      if (options.includeStacktrace && classified.internal) {
        const stack = stackOf(classified.source);
        if (stack) extensions['stacktrace'] = stack;
      }
      const result: { -readonly [K in keyof GraphQLFormattedError]: GraphQLFormattedError[K] } = {
        message: classified.message,
      };
      if (formattedError?.locations) result.locations = formattedError.locations;
      if (formattedError?.path) result.path = formattedError.path;
      result.extensions = extensions;
      return result;
    } catch {
      return LAST_RESORT;
    }
  };
}

function stackOf(error: unknown): string[] | undefined {
  if (error instanceof Error && typeof error.stack === 'string') return error.stack.split('\n');
  return undefined;
}
