import type { IncomingMessage } from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import type { AnswerKey, StoredAnswer } from '../cache/WholeAnswerCache.js';
import type { FrontDoorVerdict } from './limits/FrontDoor.js';

/**
 * Which requests the whole-answer cache may answer or learn from: a POSTed JSON query operation
 * whose document the front door hashed, without protocol extensions (persisted queries) and
 * without `x-gateway-debug` (its answer carries this request's cost); keyed by `accept` too, as
 * the answer's content type follows it. Everything else runs as
 * before. A POST with a JSON body has passed Apollo's CSRF check by its content type alone.
 */
export function answerKeyOf(
  req: IncomingMessage,
  verdict: FrontDoorVerdict | undefined,
  body: unknown,
): AnswerKey | null {
  if (!verdict?.ok || verdict.operationType !== 'query' || verdict.documentHash === undefined)
    return null;
  if (req.method !== 'POST' || req.headers['x-gateway-debug'] !== undefined) return null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { extensions, variables } = body as { extensions?: unknown; variables?: unknown };
  if (extensions !== undefined && extensions !== null) return null;
  return {
    documentHash: verdict.documentHash,
    operationName: verdict.operationName,
    variables,
    accept: req.headers.accept ?? '',
  };
}

/**
 * The answer to keep, or null: a complete 200 answer without any `errors` (a false alarm on a
 * string value that spells `"errors":` only costs a miss).
 */
export function answerToStore(response: HTTPGraphQLResponse): StoredAnswer | null {
  if ((response.status ?? 200) !== 200 || response.body.kind !== 'complete') return null;
  const text = response.body.string;
  if (!text.startsWith('{"data":') || text.includes('"errors":')) return null;
  return { body: Buffer.from(text, 'utf8'), headers: [...response.headers] };
}
