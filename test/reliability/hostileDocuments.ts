/**
 * R2's generator of hostile requests: seeded (the same list on every run for a seed), over every
 * category of RELIABILITY.md R2, each case saying what the gateway must answer.
 */

/** One hostile request and what must come back. */
export interface HostileCase {
  category: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Query string for GET (without `?`). */
  search?: string;
  /** Status that must come back. */
  status: number;
  /** `extensions.limit` values accepted (over-limit documents), if any. */
  limits?: readonly string[];
  /** True when the case is a document over a budget (counted for "% of over-limit rejected"). */
  overLimit: boolean;
}

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const RANGE = 'from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z"';

/**
 * About `perCategory` cases in each of: deep, wide (root fields), alias floods, long documents
 * (tokens), directive floods, expensive (cost), fragment bombs, fragment cycles, batches, huge
 * bodies, malformed JSON, CSRF-able content types, parse errors, GET variants, and (production)
 * misspelled fields, arguments and types. `authorization` is added to every case.
 */
export function hostileCases(
  perCategory: number,
  authorization: string,
  seed = 2026,
): HostileCase[] {
  const rand = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const auth = { authorization };
  const cases: HostileCase[] = [];
  const post = (category: string, query: string, status: number, limits?: readonly string[]) =>
    cases.push({
      category,
      method: 'POST',
      headers: { ...JSON_TYPE, ...auth },
      body: JSON.stringify({ query }),
      status,
      limits,
      overLimit: limits !== undefined,
    });
  const repeat = (n: number, f: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => f(i)).join(' ');

  for (let i = 0; i < perCategory; i++) {
    // Deep: synthetic fields (cost 1 each) or real types that recurse (site → teams → site …).
    const depth = int(11, 60);
    const synthetic = `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;
    const real = `{ sites { ${'teams { site { '.repeat(Math.ceil(depth / 2))}id${' } }'.repeat(Math.ceil(depth / 2))} } }`;
    post('deep', i % 2 === 0 ? synthetic : real, 400, ['DEPTH', 'COST']);

    post('wide', `{ ${repeat(int(21, 400), () => 'me { user { username } }')} }`, 400, [
      'ROOT_FIELDS',
      'TOKENS',
    ]);
    post('aliases', `{ ${repeat(int(16, 200), (k) => `a${k}: __typename`)} }`, 400, [
      'ALIASES',
      'TOKENS',
    ]);
    post('tokens', `{ me { user { ${repeat(int(2_001, 4_000), () => 'username')} } } }`, 400, [
      'TOKENS',
    ]);
    post(
      'directives',
      `{ me ${repeat(int(51, 200), () => '@include(if: true)')} { user { username } } }`,
      400,
      ['DIRECTIVES', 'TOKENS'],
    );
    post(
      'cost',
      `{ sites { id name teams { id agents { id firstName lastName schedule(${RANGE}) { items { type name start end paid } } } } } }`.replace(
        'id name',
        repeat(int(1, 30), () => 'id name'),
      ),
      400,
      ['COST'],
    );
    // Fragment bomb: each fragment spreads the next one twice and adds a field, at the root
    // (root fields run out) or under a field (aliases run out). The doubling itself costs nothing:
    // like graphql-js, the front door collects a fragment once per selection set.
    const levels = int(21, 40);
    const atRoot = i % 2 === 0;
    const on = atRoot ? 'Query' : 'Viewer';
    const own = (k: number) => (atRoot ? 'me { user { username } }' : `a${k}: __typename`);
    const chain = Array.from(
      { length: levels },
      (_, k) => `fragment F${k} on ${on} { ${own(k)} ...F${k + 1} ...F${k + 1} }`,
    );
    const bomb = `${chain.join(' ')} fragment F${levels} on ${on} { __typename }`;
    post(
      'fragmentBomb',
      atRoot ? `{ ...F0 } ${bomb}` : `{ me { ...F0 } } ${bomb}`,
      400,
      atRoot ? ['ROOT_FIELDS'] : ['ALIASES'],
    );

    const cycle = [
      `{ ...A } fragment A on Query { ...A }`,
      `{ me { ...B } } fragment B on Viewer { user { username } ...C } fragment C on Viewer { ...B }`,
      `query Q${i} { ...X } fragment X on Query { sites { id } ...Y } fragment Y on Query { ...Z } fragment Z on Query { ...X }`,
    ][i % 3] as string;
    post('fragmentCycle', cycle, 400);

    cases.push({
      category: 'batch',
      method: 'POST',
      headers: { ...JSON_TYPE, ...auth },
      body: JSON.stringify(
        Array.from({ length: int(1, 50) }, () => ({ query: '{ me { user { username } } }' })),
      ),
      status: 400,
      overLimit: false,
    });
    const size = int(1_048_577, 2_500_000);
    // One huge body in five rounds: each is megabytes of loopback traffic.
    if (i % 5 === 0)
      cases.push({
        category: 'hugeBody',
        method: 'POST',
        headers: { ...JSON_TYPE, ...auth },
        body: Buffer.from(JSON.stringify({ query: `{ __typename } #${'x'.repeat(size)}` })),
        status: 413,
        overLimit: true,
      });
    const malformed = [
      '{"query": ',
      '{"query": "{ me }"',
      '[{',
      '{query: 1}',
      '"\\u00',
      '{"query":"x"}}',
      '\u0000\u0001',
      '',
    ];
    cases.push({
      category: 'malformedJson',
      method: 'POST',
      headers: { ...JSON_TYPE, ...auth },
      body: `${malformed[i % malformed.length]}${i % 2 === 0 ? '' : ' '.repeat(int(0, 50))}`,
      // An empty JSON body is "no body": Apollo answers 400 too.
      status: 400,
      overLimit: false,
    });
    const csrfTypes = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ];
    cases.push({
      category: 'csrfContentType',
      method: 'POST',
      headers: { 'content-type': csrfTypes[i % 3] as string, ...auth },
      body: i % 3 === 1 ? 'query=%7B__typename%7D' : JSON.stringify({ query: '{ __typename }' }),
      status: 400,
      overLimit: false,
    });
    const garbage = [
      '{ me { ',
      '}}}}',
      'query (',
      `{ sites(id: ) }`,
      'mutation { signOut( }',
      `{ "${'x'.repeat(int(1, 50))}" }`,
    ];
    post('parseError', garbage[i % garbage.length] as string, 400);

    const getDepth = int(11, 40);
    cases.push({
      category: 'getVariants',
      method: 'GET',
      headers: { ...auth, 'apollo-require-preflight': '1' },
      search: new URLSearchParams({
        query:
          i % 2 === 0
            ? `{ ${'a { '.repeat(getDepth)}b${' }'.repeat(getDepth)} }`
            : `{ ${repeat(int(16, 60), (k) => `x${k}: __typename`)} }`,
      }).toString(),
      status: 400,
      limits: ['DEPTH', 'ALIASES'],
      overLimit: true,
    });

    const misspelled = [
      '{ sitez { id } }',
      '{ me { usr { username } } }',
      '{ site(idd: "1") { name } }',
      '{ sites { nam } }',
      'query($r: Strin) { me { user { username } } }',
      '{ sites { ...F } } fragment F on Sitee { id }',
      `{ schedules(siteId: "1", ${RANGE}) { itemz { name } } }`,
      '{ me { wfmUser { typ } } }',
    ];
    post('misspelling', misspelled[i % misspelled.length] as string, 400);
  }
  return cases;
}
