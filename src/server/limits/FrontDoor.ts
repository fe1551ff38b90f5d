import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, parse, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { measureDocument } from './measureDocument.js';
import type { LimitKind, QueryLimits } from './QueryLimits.js';

/** Why the front door refused a request. */
export type RejectReason = LimitKind | 'BATCH' | 'PARSE' | 'FRAGMENT_CYCLE';

/** The operation type a request asks for; `unknown` when the front door could not tell. */
export type OperationKind = 'query' | 'mutation' | 'subscription' | 'unknown';

/** One entry of a rejection's `errors`, shaped like every other GraphQL error the gateway sends. */
export interface RejectionError {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions: { code: 'BAD_USER_INPUT'; limit?: LimitKind };
}

/** What {@link FrontDoor.inspect} decided. */
export type FrontDoorVerdict =
  | { ok: true; operationType: OperationKind; operationName?: string }
  | { ok: false; status: 400; reason: RejectReason; body: { errors: RejectionError[] } };

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
  /** Verdicts remembered by SHA-256 of the document text (count). Default 1,000. */
  cacheEntries?: number;
}

interface Remembered {
  rejection?: { reason: RejectReason; errors: RejectionError[] };
  /** Operation name ('' for anonymous) → type. */
  operations: ReadonlyMap<string, OperationKind>;
}

/**
 * The checks every GraphQL request passes BEFORE authentication, so a hostile document costs no
 * token check (no upstream call) and no execution: batched (array) bodies are refused; the
 * document is parsed with `maxTokens`; depth, aliases, root fields, directives and cost are
 * measured ({@link measureDocument}); a fragment spread inside itself is refused. Refusals are
 * HTTP 400 with `extensions.code = BAD_USER_INPUT` and `extensions.limit` naming the budget.
 *
 * Requests without a string `query` (persisted-query hashes, malformed parameters) pass through
 * untouched: Apollo Server answers those. Full validation (unknown fields and the like) stays
 * after authentication, so anonymous callers cannot probe the schema.
 */
export class FrontDoor {
  readonly #limits: QueryLimits;
  readonly #schema: GraphQLSchema | undefined;
  readonly #production: boolean;
  readonly #cache: LRUCache<string, Remembered>;

  constructor(options: FrontDoorOptions) {
    this.#limits = options.limits;
    this.#schema = options.schema;
    this.#production = options.production;
    this.#cache = new LRUCache({ max: options.cacheEntries ?? 1_000 });
  }

  /** Decides about one request; never throws. */
  inspect(request: FrontDoorRequest): FrontDoorVerdict {
    const { method, body, search } = request;
    if (method === 'POST' && Array.isArray(body))
      return reject('BATCH', [error('Batched requests (a JSON array body) are not supported.')]);
    const params = method === 'POST' ? asRecord(body) : fromSearch(search);
    const query = params?.['query'];
    if (typeof query !== 'string') return { ok: true, operationType: 'unknown' };

    const key = createHash('sha256').update(query).digest('base64');
    let remembered = this.#cache.get(key);
    if (!remembered) {
      remembered = this.#examine(query);
      this.#cache.set(key, remembered);
    }
    if (remembered.rejection)
      return reject(remembered.rejection.reason, remembered.rejection.errors);
    const name = params?.['operationName'];
    const operations = remembered.operations;
    let operationType: OperationKind = 'unknown';
    if (typeof name === 'string' && name !== '') {
      operationType = operations.get(name) ?? 'unknown';
      return { ok: true, operationType, operationName: name };
    }
    if (operations.size === 1) operationType = operations.values().next().value ?? 'unknown';
    return { ok: true, operationType };
  }

  #examine(query: string): Remembered {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.#limits.maxTokens, noLocation: true });
    } catch (caught) {
      // Duck-typed: graphql's CJS and ESM builds can make two GraphQLError classes.
      const syntax =
        caught instanceof Error && /^Syntax Error/.test(caught.message) ? caught : undefined;
      if (syntax && TOO_MANY_TOKENS.test(syntax.message))
        return refused('TOKENS', [this.#limitError('TOKENS')]);
      const locations = (syntax as Partial<GraphQLError> | undefined)?.locations;
      return refused('PARSE', [
        {
          // Anything else (a stack overflow on absurd nesting) gets a fixed message.
          message: syntax?.message ?? 'Syntax Error: the document could not be parsed.',
          ...(locations ? { locations } : {}),
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
    }
    let result: ReturnType<typeof measureDocument>;
    try {
      result = measureDocument(document, this.#limits, this.#schema);
    } catch {
      // Too involved to measure (e.g. a stack overflow under raised limits): too expensive.
      return refused('COST', [this.#limitError('COST')]);
    }
    if (!result.ok && result.kind === 'fragmentCycle')
      return refused('FRAGMENT_CYCLE', [
        error(`Cannot spread fragment "${result.fragment}" within itself.`),
      ]);
    if (!result.ok) return refused(result.limit, [this.#limitError(result.limit)]);
    const operations = new Map<string, OperationKind>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION)
        operations.set(definition.name?.value ?? '', definition.operation as OperationKind);
    }
    return { operations };
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
  verdict: Extract<FrontDoorVerdict, { ok: false }>,
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
  }
}

function error(message: string): RejectionError {
  return { message, extensions: { code: 'BAD_USER_INPUT' } };
}

function refused(reason: RejectReason, errors: RejectionError[]): Remembered {
  return { rejection: { reason, errors }, operations: new Map() };
}

function reject(reason: RejectReason, errors: RejectionError[]): FrontDoorVerdict {
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
