import { createHash } from 'node:crypto';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FrontDoor } from '../../../../src/server/limits/FrontDoor.js';
import { DEFAULT_QUERY_LIMITS } from '../../../../src/server/limits/QueryLimits.js';
import {
  stripSuggestions,
  withoutSuggestions,
} from '../../../../src/server/limits/withoutSuggestions.js';

const schema = buildSchema('type Query { sites: [Site!]! } type Site { id: ID! teams: [Site!]! }');
const door = (production: boolean) =>
  new FrontDoor({ limits: { ...DEFAULT_QUERY_LIMITS, maxTokens: 100 }, schema, production });
const none = new URLSearchParams();
const deep = `{ ${'a { '.repeat(11)}b${' }'.repeat(11)} }`;

describe('FrontDoor', () => {
  it('refuses a batch, whatever it holds', () => {
    expect(door(true).inspect({ method: 'POST', body: [], search: none })).toMatchObject({
      ok: false,
      status: 400,
      reason: 'BATCH',
    });
  });

  it('names the broken budget; only development and test add the number', () => {
    const prod = door(true).inspect({ method: 'POST', body: { query: deep }, search: none });
    expect(prod).toMatchObject({
      ok: false,
      reason: 'DEPTH',
      body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', limit: 'DEPTH' } }] },
    });
    expect(JSON.stringify(!prod.ok && prod.body)).not.toMatch(/\d/);
    const dev = door(false).inspect({ method: 'POST', body: { query: deep }, search: none });
    expect(JSON.stringify(dev)).toMatch(/limit 10/);
  });

  it('turns graphql’s token limit into TOKENS without its number in production', () => {
    const query = `{ ${'a '.repeat(200)}}`;
    const verdict = door(true).inspect({ method: 'POST', body: { query }, search: none });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOKENS' });
    expect(JSON.stringify(!verdict.ok && verdict.body)).not.toMatch(/\d/);
  });

  it('refuses syntax errors and fragment cycles before authentication', () => {
    expect(
      door(true).inspect({ method: 'POST', body: { query: '{ a' }, search: none }),
    ).toMatchObject({
      ok: false,
      reason: 'PARSE',
      body: {
        errors: [
          { message: expect.stringMatching(/^Syntax Error/), locations: [{ line: 1, column: 4 }] },
        ],
      },
    });
    expect(
      door(true).inspect({
        method: 'POST',
        body: { query: '{ ...A } fragment A on Query { ...A }' },
        search: none,
      }),
    ).toMatchObject({ ok: false, reason: 'FRAGMENT_CYCLE' });
  });

  it('reads GET queries and tells the operation type', () => {
    const search = new URLSearchParams({
      query: 'query A { sites { id } } mutation B { x }',
      operationName: 'B',
    });
    expect(door(true).inspect({ method: 'GET', body: undefined, search })).toMatchObject({
      ok: true,
      operationType: 'mutation',
      operationName: 'B',
    });
    const post = door(true).inspect({
      method: 'POST',
      body: { query: '{ sites { id } }' },
      search: none,
    });
    expect(post).toMatchObject({ ok: true, operationType: 'query' });
    expect(post).not.toHaveProperty('operationName');
  });

  it('hands on the parsed document and its SHA-256 (Apollo Server’s queryHash)', () => {
    const query = '{ sites { id } }';
    const verdict = door(true).inspect({ method: 'POST', body: { query }, search: none });
    expect(verdict).toMatchObject({
      ok: true,
      documentHash: createHash('sha256').update(query).digest('hex'),
      document: { kind: 'Document' },
    });
  });

  it('measures only the operation the request runs', () => {
    const query = `query Cheap { sites { id } } query Deep ${deep}`;
    const d = door(true);
    expect(
      d.inspect({ method: 'POST', body: { query, operationName: 'Cheap' }, search: none }),
    ).toMatchObject({ ok: true, operationName: 'Cheap' });
    expect(
      d.inspect({ method: 'POST', body: { query, operationName: 'Deep' }, search: none }),
    ).toMatchObject({ ok: false, reason: 'DEPTH' });
    // No name and two operations, or a name the document lacks: nothing runs; Apollo says why.
    expect(d.inspect({ method: 'POST', body: { query }, search: none })).toMatchObject({
      ok: true,
      operationType: 'unknown',
    });
    expect(
      d.inspect({ method: 'POST', body: { query, operationName: 'Nope' }, search: none }),
    ).toMatchObject({ ok: true, operationType: 'unknown' });
  });

  it('refuses a document of more operations than the limit, whatever runs', () => {
    const ops = (n: number) => Array.from({ length: n }, (_, i) => `query Q${i} { a }`).join(' ');
    const d = new FrontDoor({ limits: DEFAULT_QUERY_LIMITS, schema, production: true });
    expect(
      d.inspect({ method: 'POST', body: { query: ops(10), operationName: 'Q0' }, search: none }),
    ).toMatchObject({ ok: true });
    expect(
      d.inspect({ method: 'POST', body: { query: ops(11), operationName: 'Q0' }, search: none }),
    ).toMatchObject({
      ok: false,
      reason: 'OPERATIONS',
      body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', limit: 'OPERATIONS' } }] },
    });
  });

  it('refuses deeply nested JSON from its bytes, strings ignored', () => {
    const d = door(true);
    const nested = (n: number) =>
      Buffer.from(`{"query":"{ a }","variables":{"v":${'['.repeat(n)}${']'.repeat(n)}}}`);
    expect(d.inspectJson(nested(30))).toBeUndefined(); // 32 levels with the two objects
    expect(d.inspectJson(nested(31))).toMatchObject({
      ok: false,
      reason: 'JSON_DEPTH',
      body: { errors: [{ extensions: { limit: 'JSON_DEPTH' } }] },
    });
    expect(d.inspectJson(Buffer.from(`{"query":"${'['.repeat(100)}\\"[["}`))).toBeUndefined();
    expect(d.inspectJson(Buffer.from('['.repeat(1024 * 1024)))).toMatchObject({ ok: false });
  });

  it('refuses a variable holding a longer list than the list-argument limit', () => {
    const d = door(true);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    const body = (n: number) => ({ query: '{ a }', variables: { x: { ids: ids(n) } } });
    expect(d.inspect({ method: 'POST', body: body(1_000), search: none })).toMatchObject({
      ok: true,
    });
    expect(d.inspect({ method: 'POST', body: body(1_001), search: none })).toMatchObject({
      ok: false,
      reason: 'LIST_ARGUMENT',
    });
  });

  it('passes requests without a string query to Apollo Server untouched', () => {
    for (const body of [
      undefined,
      null,
      {},
      { query: 1 },
      { extensions: { persistedQuery: { sha256Hash: 'x' } } },
    ])
      expect(door(true).inspect({ method: 'POST', body, search: none })).toEqual({
        ok: true,
        operationType: 'unknown',
      });
  });

  it('remembers verdicts by document, so a repeated document is not parsed again', () => {
    const d = door(true);
    const first = d.inspect({ method: 'POST', body: { query: deep }, search: none });
    expect(d.inspect({ method: 'POST', body: { query: deep }, search: none })).toEqual(first);
  });
});

describe('withoutSuggestions', () => {
  it('strips graphql-js suggestions from validation and coercion messages', () => {
    expect(stripSuggestions('Cannot query field "nme" on type "Site". Did you mean "name"?')).toBe(
      'Cannot query field "nme" on type "Site".',
    );
    expect(
      stripSuggestions(
        'Variable "$t" got invalid value "AGNT"; Value "AGNT" does not exist in "T" enum. Did you mean the enum value "AGENT"?',
      ),
    ).toBe('Variable "$t" got invalid value "AGNT"; Value "AGNT" does not exist in "T" enum.');
    const format = withoutSuggestions((f) => ({
      message: f.message,
      extensions: { code: 'BAD_USER_INPUT' },
    }));
    expect(
      format(
        { message: 'Unknown type "Sitee". Did you mean "Site", "Team", or "Agent"?' },
        undefined,
      ),
    ).toEqual({
      message: 'Unknown type "Sitee".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
