import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { FormatError } from '../errors/formatError.js';
import type { GatewayContext } from '../resolvers/GatewayContext.js';

/** What {@link createDirectExecution} needs: exactly what Apollo Server is given. */
export interface DirectExecutionDeps {
  /** The executable schema Apollo Server executes. */
  schema: GraphQLSchema;
  /** The `formatError` Apollo Server is given (the one error boundary). */
  formatError: FormatError;
}

/** One request the direct path may answer. */
export interface DirectRequest {
  /** The parsed JSON body of the POST. */
  body: Readonly<Record<string, unknown>>;
  /** The document the front door parsed, already validated (see `validDocument`). */
  document: DocumentNode;
  /** The request's `accept` header. */
  accept: string | undefined;
  contextValue: GatewayContext;
}

/**
 * Answers a request, or null when it must go through Apollo Server (nothing has run then).
 * Never throws.
 */
export type DirectExecution = (request: DirectRequest) => Promise<HTTPGraphQLResponse | null>;

/** Apollo Server's `MEDIA_TYPES.APPLICATION_JSON`, what it answers when `accept` allows JSON. */
const APPLICATION_JSON = 'application/json; charset=utf-8';
/** `accept` values for which Apollo Server's negotiation picks {@link APPLICATION_JSON}. */
const JSON_ACCEPTS: ReadonlySet<string> = new Set(['', '*/*', 'application/json']);

/**
 * The cold path of an ordinary query without Apollo Server's request pipeline (issue 11 item 3):
 * a POSTed JSON query whose document the front door parsed and validation accepted is executed
 * with graphql-js directly, and its result written as Apollo Server 5 writes it (same field
 * order, same error normalisation before the same `formatError`, same content type and status,
 * the trailing newline). What Apollo Server would spend per request around that — hashing the
 * text again, the plugin hooks, a copy of the headers, media-type negotiation, the body checks,
 * a copy of the context — is skipped.
 *
 * Everything else returns null before anything runs, and goes through Apollo Server as before:
 * an `accept` other than none, `*\/*` or `application/json`, `extensions`, `variables` or
 * `operationName` of a shape Apollo Server refuses, and any result without `data` (an operation
 * the document lacks, variables that do not coerce: graphql-js decides those before it runs a
 * resolver, so handing the request to Apollo Server repeats no upstream call). The caller keeps
 * requests that need a per-request plugin (tracing's request ids, `x-gateway-debug`) on Apollo
 * Server's path. Source of the rules mirrored: `@apollo/server` 5, `runHttpQuery.js`,
 * `requestPipeline.js` and `errorNormalize.js`; test/integration/gateway/directExecution.test.ts
 * compares the bytes of both paths' answers.
 */
export function createDirectExecution(deps: DirectExecutionDeps): DirectExecution {
  return async ({ body, document, accept, contextValue }) => {
    if (!JSON_ACCEPTS.has(accept ?? '')) return null;
    const { variables, operationName, extensions } = body;
    if (extensions !== undefined && extensions !== null) return null;
    if (variables !== undefined && variables !== null && !isRecord(variables)) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return null;
    let result: ExecutionResult;
    try {
      result = await execute({
        schema: deps.schema,
        document,
        contextValue,
        variableValues: isRecord(variables) ? variables : undefined,
        operationName: typeof operationName === 'string' ? operationName : undefined,
      });
    } catch (caught) {
      // As Apollo Server answers an execution that threw: the error alone, status 500.
      const formatted = formatErrors([asGraphQLError(caught)], deps.formatError);
      return answer({ errors: formatted.errors }, formatted.status ?? 500, formatted.headers);
    }
    if (result.data === undefined) return null;
    if (!result.errors?.length && result.extensions === undefined)
      return answer({ data: result.data }, 200, []);
    const formatted = result.errors
      ? formatErrors(result.errors, deps.formatError)
      : { errors: undefined, status: undefined, headers: [] };
    return answer(
      { errors: formatted.errors, data: result.data, extensions: result.extensions },
      formatted.status ?? 200,
      formatted.headers,
    );
  };
}

/** Apollo Server's `isStringRecord`: a non-null, non-array object. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function answer(
  result: Record<string, unknown>,
  status: number,
  headers: readonly (readonly [string, string])[],
): HTTPGraphQLResponse {
  const map = new HeaderMap();
  for (const [name, value] of headers) map.set(name, value);
  if (!map.get('content-type')) map.set('content-type', APPLICATION_JSON);
  // Apollo Server's prettyJSONStringify; undefined fields (no errors) vanish as there.
  return {
    status,
    headers: map,
    body: { kind: 'complete', string: `${JSON.stringify(result)}\n` },
  };
}

/**
 * Apollo Server's `normalizeAndFormatErrors`: each error as a GraphQLError with a code
 * (INTERNAL_SERVER_ERROR when it has none), its `extensions.http` taken out as the answer's status
 * and headers, then `formatError`; a `formatError` that throws yields the fixed internal error.
 */
function formatErrors(
  errors: readonly unknown[],
  formatError: FormatError,
): {
  errors: GraphQLFormattedError[];
  status: number | undefined;
  headers: [string, string][];
} {
  let status: number | undefined;
  const headers: [string, string][] = [];
  const formatted = errors.map((error) => {
    try {
      const graphqlError = asGraphQLError(error);
      const extensions: Record<string, unknown> = {
        ...graphqlError.extensions,
        code: graphqlError.extensions['code'] ?? 'INTERNAL_SERVER_ERROR',
      };
      const http = extensions['http'];
      if (isHttpHead(http)) {
        if (http.status) status = http.status;
        for (const entry of http.headers ?? []) headers.push(entry);
        delete extensions['http'];
      }
      return formatError({ ...graphqlError.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
  return { errors: formatted, status, headers };
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error) return new GraphQLError(error.message, { originalError: error });
  return new GraphQLError(`Unexpected error value: ${String(error)}`);
}

function isHttpHead(value: unknown): value is { status?: number; headers?: Map<string, string> } {
  if (typeof value !== 'object' || value === null) return false;
  const head = value as { status?: unknown; headers?: unknown };
  return (
    (!('status' in head) || typeof head.status === 'number') &&
    (!('headers' in head) || head.headers instanceof Map)
  );
}
