import { createHash } from 'node:crypto';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { LimitKind } from './QueryLimits.js';

/** The operation type a request asks for; `unknown` when the front door could not tell. */
export type OperationKind = 'query' | 'mutation' | 'subscription' | 'unknown';

/** Why the front door refused a request. */
export type RejectReason = LimitKind | 'BATCH' | 'PARSE' | 'FRAGMENT_CYCLE';

/** One entry of a rejection's `errors`, shaped like every other GraphQL error the gateway sends. */
export interface RejectionError {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions: { code: 'BAD_USER_INPUT'; limit?: LimitKind };
}

/** A refusal the front door remembers with the document. */
export interface Refusal {
  readonly reason: RejectReason;
  readonly errors: RejectionError[];
}

/** One operation of an examined document; its verdict is measured on first use, then kept. */
export interface ExaminedOperation {
  readonly type: Exclude<OperationKind, 'unknown'>;
  readonly node: OperationDefinitionNode;
  /** null: within every budget; undefined: not measured yet. */
  refusal?: Refusal | null;
}

/**
 * A document as the front door examined it, remembered by the SHA-256 of its text (hex, the
 * same `queryHash` Apollo Server computes), so the text is parsed once per process however
 * often it is sent: the front door measures from it, and Apollo Server executes it (see
 * `apolloDocumentStore`).
 */
export interface ExaminedDocument {
  /** SHA-256 of the document text, hex. */
  readonly hash: string;
  /** Length of the text, characters (the text itself is not kept). */
  readonly textLength: number;
  /** The parsed document (with locations); null when it did not parse. */
  readonly document: DocumentNode | null;
  /** Why the whole document is refused (parse, tokens, operations, directives); null: it is not. */
  readonly refusal: Refusal | null;
  /** Operations by name (`''` for the anonymous one). */
  readonly operations: ReadonlyMap<string, ExaminedOperation>;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Whether graphql validation against the schema passed; decided after authentication. */
  validity: 'unchecked' | 'valid' | 'invalid';
}

/** Options of {@link DocumentCache}. */
export interface DocumentCacheOptions {
  /** Most documents remembered (count). Default 1,000. */
  maxEntries?: number;
  /**
   * Most estimated bytes of parsed documents held (text length × {@link AST_BYTES_PER_CHAR},
   * refusals count their text only). Default 32 MiB.
   */
  maxBytes?: number;
}

/**
 * Heap bytes a parsed document (with locations, as graphql-js parses by default) takes per
 * character of its text, with room to spare: a schedule-board query and a dense 9 KB alias
 * document measured 110–120.
 */
export const AST_BYTES_PER_CHAR = 150;

/**
 * The documents the front door examined, by the hex SHA-256 of their text: a bounded LRU (count
 * and estimated bytes) shared by the front door and Apollo Server's document store.
 */
export class DocumentCache {
  readonly #entries: LRUCache<string, ExaminedDocument>;

  constructor(options: DocumentCacheOptions = {}) {
    this.#entries = new LRUCache<string, ExaminedDocument>({
      max: options.maxEntries ?? 1_000,
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: sizeOf,
    });
  }

  /** The hex SHA-256 of a document text (Apollo Server's `queryHash`). */
  static hashOf(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }

  /** The examined document of `hash`, marking it recently used. */
  get(hash: string): ExaminedDocument | undefined {
    return this.#entries.get(hash);
  }

  /** Remembers an examined document under its hash. */
  set(entry: ExaminedDocument): void {
    this.#entries.set(entry.hash, entry);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Builds the examined form of a parsed document: its operations and fragments, and the
 * document-wide refusal `refuse` decides from them (null: none).
 */
export function examined(
  hash: string,
  textLength: number,
  document: DocumentNode,
  refuse: (operations: number, document: DocumentNode) => Refusal | null,
): ExaminedDocument {
  const operations = new Map<string, ExaminedOperation>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  let count = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      count += 1;
      operations.set(definition.name?.value ?? '', {
        type: definition.operation,
        node: definition,
      });
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return {
    hash,
    textLength,
    document,
    refusal: refuse(count, document),
    operations,
    fragments,
    validity: 'unchecked',
  };
}

/** A document refused as a whole before (or instead of) being parsed: nothing else is kept. */
export function refusedDocument(
  hash: string,
  textLength: number,
  refusal: Refusal,
): ExaminedDocument {
  return {
    hash,
    textLength,
    document: null,
    refusal,
    operations: new Map(),
    fragments: new Map(),
    validity: 'invalid',
  };
}

/** Estimated bytes of a refusal kept without its document (the errors, a few hundred bytes). */
const REFUSAL_BYTES = 512;

function sizeOf(entry: ExaminedDocument): number {
  return entry.document === null
    ? REFUSAL_BYTES
    : Math.max(1, entry.textLength * AST_BYTES_PER_CHAR);
}
