import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type OperationTypeNode,
  type SelectionSetNode,
} from 'graphql';
import { INTROSPECTION_MAX_DEPTH, type LimitKind, type QueryLimits } from './QueryLimits.js';

/** What one document measures (the worst of its operations), up to the first broken budget. */
export interface DocumentMeasures {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  cost: number;
}

/** The outcome of {@link measureDocument}. */
export type MeasureResult =
  | { ok: true; measures: DocumentMeasures }
  | { ok: false; kind: 'limit'; limit: LimitKind; measures: DocumentMeasures }
  | { ok: false; kind: 'fragmentCycle'; fragment: string };

/**
 * Measures a parsed document against the budgets, without executing or validating it, and stops
 * at the first broken one.
 *
 * Cost model (documented in docs/configuration.md "Request limits"): every field costs 1 times the product of the
 * list sizes above it; a field whose type is a list (`[T]`, nested lists once per level)
 * multiplies everything selected beneath it by `limits.listSize` (default 10). `__typename`,
 * `__schema` and `__type` (and everything under them) cost 0. Fragments are expanded where they
 * are spread, so a fragment spread under two fields costs twice (spread twice into the same
 * selection set it counts once, as graphql-js executes it once). Fields the schema does not know cost 1 and
 * multiply nothing (validation rejects them later). Example with the default list size:
 * `{ sites { id teams { id } } }` = sites 1 + id 10 + teams 10 + id 100 = 121.
 *
 * Depth counts field nesting (fragments add none); aliases and root fields are counted per
 * operation with fragments expanded; directives are counted as written in the whole document.
 * A fragment spread inside itself is reported as `fragmentCycle` (graphql's NoFragmentCycles
 * would reject it too, but only after authentication). Work is bounded: the walk visits at most
 * about `4 × maxCost + 20,000` selections and reports COST past that, whatever the document.
 */
export function measureDocument(
  document: DocumentNode,
  limits: QueryLimits,
  schema?: GraphQLSchema,
): MeasureResult {
  const directives = countDirectives(document);
  if (directives > limits.maxDirectives)
    return { ok: false, kind: 'limit', limit: 'DIRECTIVES', measures: { ...NONE, directives } };
  const fragments = fragmentsOf(document);
  const measures: DocumentMeasures = { ...NONE, directives };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const result = measureOperation(definition, fragments, limits, schema);
    if (!result.ok) return result;
    measures.depth = Math.max(measures.depth, result.measures.depth);
    measures.aliases = Math.max(measures.aliases, result.measures.aliases);
    measures.rootFields = Math.max(measures.rootFields, result.measures.rootFields);
    measures.cost = Math.max(measures.cost, result.measures.cost);
  }
  return { ok: true, measures };
}

/**
 * Measures ONE operation of a document (the one a request runs) against the per-operation
 * budgets — depth, aliases, root fields, cost — with the document's fragments expanded where
 * they are spread; the same model as {@link measureDocument}, whose directive count is the
 * caller's (it is document-wide). The walk visits at most about `4 × maxCost + 20,000`
 * selections whatever the operation.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  limits: QueryLimits,
  schema?: GraphQLSchema,
): MeasureResult {
  const walk = new Walk(limits, fragments, schema);
  walk.selectionSet(
    operation.selectionSet,
    rootType(schema, operation.operation),
    { depth: 0, introDepth: 0, multiplier: 1 },
    new Set(),
    new Set(),
  );
  const measures: DocumentMeasures = {
    depth: walk.depth,
    aliases: walk.aliases,
    rootFields: walk.rootFields,
    directives: 0,
    cost: walk.cost,
  };
  if (walk.cycle !== undefined) return { ok: false, kind: 'fragmentCycle', fragment: walk.cycle };
  if (walk.broken !== undefined) return { ok: false, kind: 'limit', limit: walk.broken, measures };
  return { ok: true, measures };
}

/** Directive uses written in the whole document. */
export function countDirectives(document: DocumentNode): number {
  let directives = 0;
  visit(document, {
    Directive() {
      directives += 1;
    },
  });
  return directives;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
}

const NONE: DocumentMeasures = Object.freeze({
  depth: 0,
  aliases: 0,
  rootFields: 0,
  directives: 0,
  cost: 0,
});

interface Position {
  /** Depth of the enclosing field outside introspection. */
  depth: number;
  /** Depth inside `__schema` / `__type` (0 outside). */
  introDepth: number;
  /** Product of the list sizes above (saturates just past `maxCost`). */
  multiplier: number;
}

/** One operation's walk: counts, the first broken budget, or a fragment cycle. */
class Walk {
  depth = 0;
  aliases = 0;
  rootFields = 0;
  cost = 0;
  broken: LimitKind | undefined;
  cycle: string | undefined;
  #work = 0;
  readonly #maxWork: number;

  constructor(
    private readonly limits: QueryLimits,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly schema: GraphQLSchema | undefined,
  ) {
    this.#maxWork = 4 * limits.maxCost + 20_000;
  }

  get #stopped(): boolean {
    return this.broken !== undefined || this.cycle !== undefined;
  }

  selectionSet(
    set: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    at: Position,
    spreading: Set<string>,
    collected: Set<string>,
  ): void {
    for (const selection of set.selections) {
      if (this.#stopped) return;
      if (++this.#work > this.#maxWork) {
        this.broken = 'COST';
        return;
      }
      switch (selection.kind) {
        case Kind.FIELD:
          this.#field(selection, parent, at, spreading);
          break;
        case Kind.INLINE_FRAGMENT:
          this.selectionSet(
            selection.selectionSet,
            this.#typeNamed(selection.typeCondition?.name.value) ?? parent,
            at,
            spreading,
            collected,
          );
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = this.fragments.get(name);
          if (!fragment) break; // unknown fragment: validation rejects it after authentication
          if (spreading.has(name)) {
            this.cycle = name;
            return;
          }
          // Like graphql-js's collectFields: a fragment spread again in the same selection set
          // adds nothing (so a chain of fragments that each spread the next one twice is cheap).
          if (collected.has(name)) break;
          collected.add(name);
          spreading.add(name);
          this.selectionSet(
            fragment.selectionSet,
            this.#typeNamed(fragment.typeCondition.name.value),
            at,
            spreading,
            collected,
          );
          spreading.delete(name);
          break;
        }
      }
    }
  }

  #field(
    field: FieldNode,
    parent: GraphQLCompositeType | undefined,
    at: Position,
    spreading: Set<string>,
  ): void {
    const name = field.name.value;
    const { limits } = this;
    if (field.alias && ++this.aliases > limits.maxAliases) {
      this.broken = 'ALIASES';
      return;
    }
    if (at.depth === 0 && at.introDepth === 0 && ++this.rootFields > limits.maxRootFields) {
      this.broken = 'ROOT_FIELDS';
      return;
    }
    const introspection = at.introDepth > 0 || name === '__schema' || name === '__type';
    let next: Position;
    if (introspection) {
      next = { depth: at.depth, introDepth: at.introDepth + 1, multiplier: at.multiplier };
      if (next.introDepth > INTROSPECTION_MAX_DEPTH) {
        this.broken = 'DEPTH';
        return;
      }
    } else {
      next = { depth: at.depth + 1, introDepth: 0, multiplier: at.multiplier };
      this.depth = Math.max(this.depth, next.depth);
      if (next.depth > limits.maxDepth) {
        this.broken = 'DEPTH';
        return;
      }
      if (name !== '__typename') {
        this.cost += at.multiplier;
        if (this.cost > limits.maxCost) {
          this.broken = 'COST';
          return;
        }
      }
    }
    if (!field.selectionSet) return;
    const type = introspection ? undefined : fieldType(parent, name);
    if (type) {
      const levels = listLevels(type);
      for (let i = 0; i < levels; i++)
        next.multiplier = Math.min(next.multiplier * limits.listSize, limits.maxCost + 1);
    }
    const named = type ? getNamedType(type) : undefined;
    this.selectionSet(
      field.selectionSet,
      isCompositeType(named) ? named : undefined,
      next,
      spreading,
      new Set(), // a field's selection set is a new collection
    );
  }

  #typeNamed(name: string | undefined): GraphQLCompositeType | undefined {
    if (name === undefined || !this.schema) return undefined;
    const type = this.schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  }
}

function rootType(
  schema: GraphQLSchema | undefined,
  operation: OperationTypeNode,
): GraphQLCompositeType | undefined {
  return schema?.getRootType(operation) ?? undefined;
}

function fieldType(
  parent: GraphQLCompositeType | undefined,
  name: string,
): GraphQLOutputType | undefined {
  if (!parent || !('getFields' in parent)) return undefined;
  return parent.getFields()[name]?.type;
}

/** How many list wrappers a type has (`[[T!]!]` → 2). */
function listLevels(type: GraphQLOutputType): number {
  let levels = 0;
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) current = current.ofType;
    else if (isListType(current)) {
      levels += 1;
      current = current.ofType as GraphQLOutputType;
    } else return levels;
  }
}
