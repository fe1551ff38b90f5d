import { buildASTSchema, getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureDocument } from '../../../../src/server/limits/measureDocument.js';
import {
  DEFAULT_QUERY_LIMITS,
  type QueryLimits,
} from '../../../../src/server/limits/QueryLimits.js';

const schema = buildASTSchema(
  parse(`
    type Query { sites: [Site!]! site(id: ID!): Site me: Viewer! }
    type Viewer { name: String tags: [[String]] }
    type Site { id: ID! name: String teams: [Team!]! }
    type Team { id: ID! site: Site! agents: [Agent!]! }
    type Agent { id: ID! }
  `),
);

function measure(query: string, limits: Partial<QueryLimits> = {}) {
  return measureDocument(parse(query), { ...DEFAULT_QUERY_LIMITS, ...limits }, schema);
}

const nest = (depth: number) => `{ ${'a { '.repeat(depth - 1)}b${' }'.repeat(depth - 1)} }`;
const fields = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('measureDocument', () => {
  it('accepts each budget exactly at its limit and refuses one past it', () => {
    expect(measure(nest(10))).toMatchObject({ ok: true, measures: { depth: 10 } });
    expect(measure(nest(11))).toMatchObject({ ok: false, limit: 'DEPTH' });
    expect(measure(`{ ${fields(15, (i) => `a${i}: me { name }`)} }`).ok).toBe(true);
    expect(measure(`{ ${fields(16, (i) => `a${i}: me { name }`)} }`)).toMatchObject({
      limit: 'ALIASES',
    });
    expect(measure(`{ ${fields(20, () => 'me { name }')} }`).ok).toBe(true);
    expect(measure(`{ ${fields(21, () => 'me { name }')} }`)).toMatchObject({
      limit: 'ROOT_FIELDS',
    });
    expect(measure(`{ me ${fields(50, () => '@skip(if: false)')} { name } }`).ok).toBe(true);
    expect(measure(`{ me ${fields(51, () => '@skip(if: false)')} { name } }`)).toMatchObject({
      limit: 'DIRECTIVES',
    });
  });

  it('costs every field 1 times the list sizes above it (default 10)', () => {
    // sites 1 + id 10 + teams 10 + id 100
    expect(measure('{ sites { id teams { id } } }')).toMatchObject({ measures: { cost: 121 } });
    // site (not a list) 1 + id 1 + teams 1 + agents 10 + id 100
    expect(measure('{ site(id: "1") { id teams { agents { id } } } }')).toMatchObject({
      measures: { cost: 113 },
    });
    // a nested list type multiplies once per level: tags is [[String]] but a leaf, so it costs 1.
    expect(measure('{ me { tags } }')).toMatchObject({ measures: { cost: 2 } });
    expect(measure('{ sites { id teams { id } } }', { listSize: 2 })).toMatchObject({
      measures: { cost: 1 + 2 + 2 + 4 },
    });
    expect(measure('{ sites { teams { agents { id } } } }', { maxCost: 1_000 })).toMatchObject({
      limit: 'COST',
    });
    expect(measure('{ __typename sites { __typename } }')).toMatchObject({ measures: { cost: 1 } });
  });

  it('expands fragments where they are spread, once per selection set', () => {
    const twice =
      'fragment F on Site { a1: id a2: name } { sites { ...F } site(id: "1") { ...F } }';
    expect(measure(twice)).toMatchObject({ ok: true, measures: { aliases: 4 } });
    const sameSet = 'fragment F on Site { a1: id } { sites { ...F ...F ... on Site { ...F } } }';
    expect(measure(sameSet)).toMatchObject({ ok: true, measures: { aliases: 1 } });
    // 2^40 spreads if expanded naively; collected once per selection set like graphql-js.
    const chain = fields(40, (k) => `fragment F${k} on Viewer { ...F${k + 1} ...F${k + 1} }`);
    expect(measure(`{ me { ...F0 } } ${chain} fragment F40 on Viewer { name }`).ok).toBe(true);
  });

  it('reports fragment cycles, directly or through other fragments and fields', () => {
    expect(measure('{ ...A } fragment A on Query { ...A }')).toEqual({
      ok: false,
      kind: 'fragmentCycle',
      fragment: 'A',
    });
    expect(
      measure('{ me { ...B } } fragment B on Viewer { name ...C } fragment C on Viewer { ...B }'),
    ).toMatchObject({
      kind: 'fragmentCycle',
    });
    expect(
      measure('{ sites { ...S } } fragment S on Site { teams { site { ...S } } }'),
    ).toMatchObject({
      kind: 'fragmentCycle',
      fragment: 'S',
    });
  });

  it('lets the standard introspection query through but bounds introspection depth', () => {
    expect(measure(getIntrospectionQuery()).ok).toBe(true);
    const recursive = `{ __type(name: "Query") { ${'fields { type { '.repeat(8)}name${' } }'.repeat(8)} } }`;
    expect(measure(recursive)).toMatchObject({ ok: false, limit: 'DEPTH' });
  });

  it('bounds its own work: cost-free doubling through introspection stops as COST', () => {
    // Introspection costs 0; each level triples through three fields: 3^12 visits without the bound.
    const chain = fields(
      12,
      (k) =>
        `fragment T${k} on __Type { ofType { ...T${k + 1} } interfaces { ...T${k + 1} } possibleTypes { ...T${k + 1} } }`,
    );
    const query = `{ __schema { types { ...T0 } } } ${chain} fragment T12 on __Type { name }`;
    expect(measure(query)).toMatchObject({ ok: false, limit: 'COST' });
    const small = query.replace('...T0', '...T9');
    expect(measure(small).ok).toBe(true); // 3^3 visits from T9
  });

  it('measures without a schema (every field costs 1)', () => {
    expect(
      measureDocument(parse('{ sites { id teams { id } } }'), DEFAULT_QUERY_LIMITS),
    ).toMatchObject({
      measures: { cost: 4, depth: 3 },
    });
  });
});
