import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import {
  DocumentCache,
  examined,
  refusedDocument,
  type ExaminedDocument,
  type ExaminedOperation,
  type OperationKind,
  type Refusal,
  type RejectReason,
  type RejectionError,
} from './DocumentCache.js';
import { exceedsJsonDepth, longestList } from './jsonShape.js';
import { countDirectives, measureOperation } from './measureDocument.js';
import type { LimitKind, QueryLimits } from './QueryLimits.js';

export type { OperationKind, RejectReason, RejectionError } from './DocumentCache.js';

/** What {@link FrontDoor.inspect} decided. */
export type FrontDoorVerdict =
  | {
      ok: true;
      operationType: OperationKind;
      operationName?: string;
      /**
       * SHA-256 of the document text (hex, Apollo Server's `queryHash`), when the request carried
       * one; with it the parsed `document` (remembered, shared with Apollo Server).
       */
      documentHash?: string;
      document?: DocumentNode;
    }
  | { ok: false; status: 400; reason: RejectReason; body: { errors: RejectionError[] } };

/** A refusal, as {@link FrontDoor.inspect} and {@link FrontDoor.inspectJson} return it. */
export type FrontDoorRejection = Extract<FrontDoorVerdict, { ok: false }>;

/** What the front door reads of a request (after the body was size-checked and JSON-parsed). */
export interface FrontDoorRequest {
  method: string;
  /** The parsed JSON body (POST), undefined when there was none or it was not JSON. */
  body: unknown;
  search: URLSearchParams;
}

export interface FrontDoorOptions {
  limits: QueryLimits;
  /** For the cost model's list fields; without it every field costs 1. */
  schema?: GraphQLSchema;
  /** Production: messages name the broken budget but never a number. */
  production: boolean;
  /**
   * Where examined documents are remembered by the SHA-256 of their text; share it with Apollo
   * Server (`apolloDocumentStore`) so each document is parsed once. Default: a cache of its own.
   */
  documents?: DocumentCache;
}

/**
 * The checks every GraphQL request passes BEFORE authentication, so a hostile request costs no
 * token check (no upstream call), no execution, and a bounded amount of CPU per document:
 *
 * - a JSON body nested deeper than `maxJsonDepth` is refused by a byte scan before it is parsed
 *   ({@link inspectJson});
 * - batched (array) bodies are refused; a variable holding a list longer than `maxListArgument`
 *   is refused;
 * - the document is parsed ONCE per process (with `maxTokens`) and remembered by its SHA-256
 *   with what was decided about it (`DocumentCache`); a document of more than `maxOperations`
 *   operations or `maxDirectives` directives is refused as a whole;
 * - only the operation the request runs is measured (depth, aliases, root fields, cost, fragment
 *   cycles), once per document and operation name: the other operations of the document cost
 *   nothing beyond the parse.
 *
 * Refusals are HTTP 400 with `extensions.code = BAD_USER_INPUT` and `extensions.limit` naming the
 * budget. Requests without a string `query` (persisted-query hashes, malformed parameters), and
 * operation names the document does not define, pass through untouched: Apollo Server answers
 * those after authentication. Full validation also stays after authentication, so anonymous
 * callers cannot probe the schema.
 */
export class FrontDoor {
  readonly #limits: QueryLimits;
  readonly #schema: GraphQLSchema | undefined;
  readonly #production: boolean;
  readonly #documents: DocumentCache;

  constructor(options: FrontDoorOptions) {
    this.#limits = options.limits;
    this.#schema = options.schema;
    this.#production = options.production;
    this.#documents = options.documents ?? new DocumentCache();
  }

  /**
   * The cheap check of a raw JSON body, before it is parsed: undefined when it may be parsed, a
   * JSON_DEPTH refusal when arrays and objects nest deeper than the limit. Never throws.
   */
  inspectJson(raw: Buffer): FrontDoorRejection | undefined {
    if (!exceedsJsonDepth(raw, this.#limits.maxJsonDepth)) return undefined;
    return reject('JSON_DEPTH', [this.#limitError('JSON_DEPTH')]);
  }

  /** Decides about one request; never throws. */
  inspect(request: FrontDoorRequest): FrontDoorVerdict {
    const { method, body, search } = request;
    if (method === 'POST' && Array.isArray(body))
      return reject('BATCH', [error('Batched requests (a JSON array body) are not supported.')]);
    const params = method === 'POST' ? asRecord(body) : fromSearch(search);
    const variables = params?.['variables'];
    if (
      typeof variables === 'object' &&
      variables !== null &&
      longestList(variables, this.#limits.maxJsonDepth) > this.#limits.maxListArgument
    )
      return reject('LIST_ARGUMENT', [this.#limitError('LIST_ARGUMENT')]);
    const query = params?.['query'];
    if (typeof query !== 'string') return { ok: true, operationType: 'unknown' };

    const hash = DocumentCache.hashOf(query);
    let entry = this.#documents.get(hash);
    if (!entry) {
      entry = this.#examine(hash, query);
      this.#documents.set(entry);
    }
    if (entry.refusal) return reject(entry.refusal.reason, entry.refusal.errors);
    const name = params?.['operationName'];
    const named = typeof name === 'string' && name !== '' ? name : undefined;
    const operation = selectOperation(entry, named);
    // The document's own name when the request names none (`query Dashboard { … }`): the access
    // log and the operation's span say which operation ran.
    const operationName = named ?? operation?.node.name?.value;
    const passed = {
      ok: true as const,
      operationType: operation?.type ?? ('unknown' as const),
      ...(operationName !== undefined ? { operationName } : {}),
      documentHash: hash,
      ...(entry.document ? { document: entry.document } : {}),
    };
    // An operation name the document lacks, or several operations and no name: nothing will
    // execute; Apollo Server says why after authentication.
    if (!operation) return passed;
    if (operation.refusal === undefined) operation.refusal = this.#measure(entry, operation);
    if (operation.refusal) return reject(operation.refusal.reason, operation.refusal.errors);
    return passed;
  }

  #examine(hash: string, query: string): ExaminedDocument {
    let document: DocumentNode;
    try {
      // With locations: Apollo Server executes this very document, and errors point into it.
      document = parse(query, { maxTokens: this.#limits.maxTokens });
    } catch (caught) {
      return refusedDocument(hash, query.length, this.#parseRefusal(caught));
    }
    return examined(hash, query.length, document, (operations, parsed) => {
      if (operations > this.#limits.maxOperations) return this.#refusal('OPERATIONS');
      if (countDirectives(parsed) > this.#limits.maxDirectives) return this.#refusal('DIRECTIVES');
      return null;
    });
  }

  #parseRefusal(caught: unknown): Refusal {
    // Duck-typed: graphql's CJS and ESM builds can make two GraphQLError classes.
    const syntax =
      caught instanceof Error && /^Syntax Error/.test(caught.message) ? caught : undefined;
    if (syntax && TOO_MANY_TOKENS.test(syntax.message)) return this.#refusal('TOKENS');
    const locations = (syntax as Partial<GraphQLError> | undefined)?.locations;
    return {
      reason: 'PARSE',
      errors: [
        {
          // Anything else (a stack overflow on absurd nesting) gets a fixed message.
          message: syntax?.message ?? 'Syntax Error: the document could not be parsed.',
          ...(locations ? { locations } : {}),
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    };
  }

  #measure(entry: ExaminedDocument, operation: ExaminedOperation): Refusal | null {
    let result: ReturnType<typeof measureOperation>;
    try {
      result = measureOperation(operation.node, entry.fragments, this.#limits, this.#schema);
    } catch {
      // Too involved to measure (e.g. a stack overflow under raised limits): too expensive.
      return this.#refusal('COST');
    }
    if (result.ok) return null;
    if (result.kind === 'fragmentCycle')
      return {
        reason: 'FRAGMENT_CYCLE',
        errors: [error(`Cannot spread fragment "${result.fragment}" within itself.`)],
      };
    return this.#refusal(result.limit);
  }

  #refusal(limit: LimitKind): Refusal {
    return { reason: limit, errors: [this.#limitError(limit)] };
  }

  /** Production names the budget only; development and test add its configured value. */
  #limitError(limit: LimitKind): RejectionError {
    const text = LIMIT_TEXT[limit];
    const message = this.#production
      ? `${text.what}; ${text.hint}`
      : `${text.what} (limit ${maxOf(limit, this.#limits)}); ${text.hint}`;
    return { message, extensions: { code: 'BAD_USER_INPUT', limit } };
  }
}

/**
 * Writes a refusal: HTTP 400, the errors as JSON, in `application/graphql-response+json` when the
 * client accepts it (GraphQL over HTTP), else `application/json`.
 */
export function sendRejection(
  req: IncomingMessage,
  res: ServerResponse,
  verdict: FrontDoorRejection,
): void {
  const accept = req.headers.accept ?? '';
  const type = accept.includes('application/graphql-response+json')
    ? 'application/graphql-response+json'
    : 'application/json';
  const text = JSON.stringify(verdict.body);
  res.statusCode = verdict.status;
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** The operation a request runs: the named one, or the only one; undefined when neither. */
function selectOperation(
  entry: ExaminedDocument,
  name: string | undefined,
): ExaminedOperation | undefined {
  if (name !== undefined) return entry.operations.get(name);
  if (entry.operations.size !== 1) return undefined;
  return entry.operations.values().next().value;
}

// graphql 16 words it "more that N tokens" (sic); accept the corrected spelling too.
const TOO_MANY_TOKENS = /Document contains more th(?:at|an) \d+ tokens/;

const LIMIT_TEXT: Readonly<Record<LimitKind, { what: string; hint: string }>> = {
  DEPTH: { what: 'The query is nested too deeply', hint: 'select fewer levels.' },
  ALIASES: { what: 'The query uses too many aliases', hint: 'send fewer aliased fields.' },
  ROOT_FIELDS: { what: 'The query selects too many root fields', hint: 'split it up.' },
  TOKENS: { what: 'The query document is too long', hint: 'send a shorter document.' },
  DIRECTIVES: { what: 'The query uses too many directives', hint: 'send fewer directives.' },
  COST: {
    what: 'The query is too expensive',
    hint: 'select fewer fields inside lists, or fewer nested lists.',
  },
  OPERATIONS: {
    what: 'The document defines too many operations',
    hint: 'send only the operations you run.',
  },
  JSON_DEPTH: {
    what: 'The request body nests too deeply',
    hint: 'send flatter JSON.',
  },
  LIST_ARGUMENT: {
    what: 'A list argument has too many elements',
    hint: 'ask in several requests.',
  },
};

function maxOf(limit: LimitKind, limits: QueryLimits): number {
  switch (limit) {
    case 'DEPTH':
      return limits.maxDepth;
    case 'ALIASES':
      return limits.maxAliases;
    case 'ROOT_FIELDS':
      return limits.maxRootFields;
    case 'TOKENS':
      return limits.maxTokens;
    case 'DIRECTIVES':
      return limits.maxDirectives;
    case 'COST':
      return limits.maxCost;
    case 'OPERATIONS':
      return limits.maxOperations;
    case 'JSON_DEPTH':
      return limits.maxJsonDepth;
    case 'LIST_ARGUMENT':
      return limits.maxListArgument;
  }
}

function error(message: string): RejectionError {
  return { message, extensions: { code: 'BAD_USER_INPUT' } };
}

function reject(reason: RejectReason, errors: RejectionError[]): FrontDoorRejection {
  return { ok: false, status: 400, reason, body: { errors } };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : undefined;
}

function fromSearch(search: URLSearchParams): Record<string, unknown> {
  return { query: search.get('query') ?? undefined, operationName: search.get('operationName') };
}
