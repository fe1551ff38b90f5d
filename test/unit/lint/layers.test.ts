/**
 * The layering rule of eslint.config.js, run through ESLint's Node API on the repository's own
 * configuration: an import that runs back up a layer fails the lint, one that runs down passes,
 * `upstream/` cannot import GraphQL, and the real `src/` tree is clean. Only the import rules run
 * (type-aware parsing off): what is checked here is the layering, not the rest of the lint.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAYER_RULES = new Set([
  'import-x/no-restricted-paths',
  'import-x/no-unresolved',
  'no-restricted-imports',
]);

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
});

/** The layer problems of `code` as if it were the file `path` (relative to the repository). */
async function problemsOf(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layer rule (eslint.config.js LAYERS)', () => {
  it.each([
    [
      'src/upstream/http/fixture.ts',
      "import type { ResponseCache } from '../../cache/ResponseCache.js';",
    ],
    ['src/upstream/http/fixture.ts', "import { HttpWfmApi } from '../engage/wfm/HttpWfmApi.js';"],
    [
      'src/upstream/engage/soap/fixture.ts',
      "import { UpstreamCounters } from '../../../counters/UpstreamCounters.js';",
    ],
    [
      'src/types/fixture.ts',
      "import type { HttpAuthApi } from '../upstream/engage/auth/HttpAuthApi.js';",
    ],
    ['src/counters/fixture.ts', "import type { ResponseCache } from '../cache/ResponseCache.js';"],
    ['src/cache/fixture.ts', "import type { Loaders } from '../loaders/createLoaders.js';"],
    [
      'src/loaders/fixture.ts',
      "import type { GatewayContext } from '../resolvers/GatewayContext.js';",
    ],
    [
      'src/resolvers/fixture.ts',
      "import { createContextFactory } from '../context/createContext.js';",
    ],
    ['src/context/fixture.ts', "import { createServer } from '../server/createServer.js';"],
    ['src/server/fixture.ts', "import type { GatewayConfig } from '../config.js';"],
    ['src/errors/fixture.ts', "import { resolvers } from '../resolvers/index.js';"],
    [
      'src/browser/playground/fixture.ts',
      "import { redactedJson } from '../../logging/redact.js';",
    ],
  ])('fails %s importing back up: %s', async (path, line) => {
    const problems = await problemsOf(path, `${line}\nexport const used = [${bindingOf(line)}];\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^import-x\/no-restricted-paths: .*(must not import from a layer above it|browser code must not import)/,
    );
  });

  it.each([
    [
      'src/server/fixture.ts',
      "import { createContextFactory } from '../context/createContext.js';",
    ],
    ['src/loaders/fixture.ts', "import type { Upstreams } from '../types/Upstreams.js';"],
    ['src/cache/fixture.ts', "import { UpstreamCounters } from '../counters/UpstreamCounters.js';"],
    [
      'src/upstream/engage/wfm/fixture.ts',
      "import { HttpJsonClient } from '../../http/HttpJsonClient.js';",
    ],
    ['src/createUpstreams.ts', "import { cachedWfm } from './cache/cachedUpstreams.js';"],
  ])('passes %s importing downwards: %s', async (path, line) => {
    expect(await problemsOf(path, `${line}\nexport const used = [${bindingOf(line)}];\n`)).toEqual(
      [],
    );
  });

  it('fails an import it cannot resolve, so nothing slips past the zones', async () => {
    const problems = await problemsOf(
      'src/upstream/http/fixture.ts',
      "import { gone } from './doesNotExist.js';\nexport const used = [gone];\n",
    );
    expect(problems).toEqual([expect.stringMatching(/^import-x\/no-unresolved: /)]);
  });

  it.each([
    ['src/loaders/fixture.ts', "import { startSimulator } from '../../simulator/src/index.js';"],
    ['src/time/fixture.ts', "import { hashToken } from '../../simulator/src/auth/bearer.js';"],
  ])('fails the gateway importing the simulator package by path: %s', async (path, line) => {
    const problems = await problemsOf(path, `${line}\nexport const used = [${bindingOf(line)}];\n`);
    expect(problems).toEqual([
      expect.stringMatching(
        /^import-x\/no-restricted-paths: .*the gateway never imports the simulator/,
      ),
    ]);
  });

  it.each([
    'src/resolvers/fixture.ts',
    'src/upstream/engage/soap/fixture.ts',
    'src/demo/fixture.ts',
  ])('fails %s importing the simulator by its package name', async (path) => {
    const problems = await problemsOf(
      path,
      "import { startSimulator } from '@genesys-gateway/simulator';\nexport const used = [startSimulator];\n",
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^no-restricted-imports: .*the gateway never imports the simulator/),
    );
  });

  it.each([
    ['simulator/src/data/fixture.ts', "import { instantToOle } from '../../../src/time/ole.js';"],
    [
      'simulator/src/auth/fixture.ts',
      "import type { CloudUserDetails } from '../../../src/types/AuthApi.js';",
    ],
  ])('fails the simulator %s importing the gateway: %s', async (path, line) => {
    const problems = await problemsOf(path, `${line}\nexport const used = [${bindingOf(line)}];\n`);
    expect(problems).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*the simulator has its own copy/),
    ]);
  });

  it('passes the simulator importing its own copy', async () => {
    expect(
      await problemsOf(
        'simulator/src/data/fixture.ts',
        "import { instantToOle } from '../time/ole.js';\nexport const used = [instantToOle];\n",
      ),
    ).toEqual([]);
  });

  it('fails GraphQL in upstream/ and types/', async () => {
    for (const path of ['src/upstream/engage/soap/fixture.ts', 'src/types/fixture.ts']) {
      const problems = await problemsOf(
        path,
        "import { GraphQLError } from 'graphql';\nexport const used = [GraphQLError];\n",
      );
      expect(problems).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*never import GraphQL/),
      ]);
    }
  });

  // Linting a whole tree takes seconds of CPU, more on a busy machine: a generous timeout (no
  // assertion about time).
  it.each([
    ['src', 150],
    ['simulator', 50],
  ])(
    'passes on the real %s/ tree',
    async (tree, atLeast) => {
      const results = await eslint.lintFiles([tree]);
      const problems = results.flatMap((r) =>
        r.messages.map(
          (m) => `${r.filePath.slice(ROOT.length)}:${m.line} ${m.ruleId ?? ''} ${m.message}`,
        ),
      );
      expect(results.length).toBeGreaterThan(atLeast);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});

/** The names a one-line import binds, so the fixture uses them (no unused-import noise). */
function bindingOf(line: string): string {
  const names = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
  return names
    .split(',')
    .map((n) => n.replace(/\btype\b/, '').trim())
    .filter(Boolean)
    .join(', ');
}
