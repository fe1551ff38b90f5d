import { DEFAULT_REQUEST_BUDGET, type RequestBudgetLimits } from '../../shared/RequestBudget.js';

/**
 * The front door's budgets for one GraphQL request (RELIABILITY.md "Starting budgets"). Every
 * value is configurable (GRAPHQL_MAX_* and MAX_REQUEST_JSON_DEPTH in docs/configuration.md); the
 * defaults are below.
 */
export interface QueryLimits extends RequestBudgetLimits {
  /** GRAPHQL_MAX_DEPTH: deepest field nesting of the operation (root fields are depth 1). Default 10. */
  readonly maxDepth: number;
  /** GRAPHQL_MAX_ALIASES: aliased fields of the operation, fragments expanded. Default 15. */
  readonly maxAliases: number;
  /** GRAPHQL_MAX_ROOT_FIELDS: fields selected at the root of the operation, fragments expanded. Default 20. */
  readonly maxRootFields: number;
  /** GRAPHQL_MAX_TOKENS: lexical tokens of the whole document (graphql's `parse(…, { maxTokens })`). Default 2,000. */
  readonly maxTokens: number;
  /** GRAPHQL_MAX_DIRECTIVES: directive uses written in the whole document. Default 50. */
  readonly maxDirectives: number;
  /** GRAPHQL_MAX_COST: estimated cost of the operation (see `measureDocument`). Default 5,000. */
  readonly maxCost: number;
  /** GRAPHQL_COST_LIST_SIZE: how many items the static cost model assumes a list field returns. Default 10. */
  readonly listSize: number;
  /** GRAPHQL_MAX_OPERATIONS: operations (named or not) one document may define. Default 10. */
  readonly maxOperations: number;
  /**
   * MAX_REQUEST_JSON_DEPTH: deepest nesting of arrays and objects in a JSON request body, checked
   * by a byte scan before the body is parsed. Default 32.
   */
  readonly maxJsonDepth: number;
  /**
   * GRAPHQL_MAX_LIST_ARGUMENT: most elements of one list argument (`agentIds`, `teamIds`), in
   * variables (checked at the front door) and literals (checked by the resolvers). Default 1,000.
   */
  readonly maxListArgument: number;
}

/** Which budget a request broke; sent as `extensions.limit` on the 400 answer. */
export type LimitKind =
  | 'DEPTH'
  | 'ALIASES'
  | 'ROOT_FIELDS'
  | 'TOKENS'
  | 'DIRECTIVES'
  | 'COST'
  | 'OPERATIONS'
  | 'JSON_DEPTH'
  | 'LIST_ARGUMENT';

/** The RELIABILITY.md defaults. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxRootFields: 20,
  maxTokens: 2_000,
  maxDirectives: 50,
  maxCost: 5_000,
  listSize: 10,
  maxOperations: 10,
  maxJsonDepth: 32,
  maxListArgument: 1_000,
  ...DEFAULT_REQUEST_BUDGET,
});

/**
 * Depth allowed inside `__schema` / `__type`, counted from that field. Introspection does not
 * count towards `maxDepth` or the cost (graphql's own `getIntrospectionQuery()` nests 13 levels),
 * but it is not unbounded either: `__type { fields { type { fields { … } } } }` recursion stops here.
 */
export const INTROSPECTION_MAX_DEPTH = 15;
