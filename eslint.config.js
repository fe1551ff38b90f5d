import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The gateway's layers, top to bottom (docs/ARCHITECTURE.md draws them). A module may import from
 * its own layer and any layer below it, never from one above: `import-x/no-restricted-paths`
 * turns each layer into a zone whose forbidden sources are the layers above it. Globs are
 * relative to this file. test/unit/lint/layers.test.ts proves a back-import fails the lint.
 */
export const LAYERS = [
  {
    name: 'composition root (main, createGateway, createUpstreams, config, demo)',
    paths: ['src/*.ts', 'src/config/**', 'src/demo/**'],
  },
  { name: 'server', paths: ['src/server/**'] },
  { name: 'context', paths: ['src/context/**'] },
  { name: 'resolvers', paths: ['src/resolvers/**', 'src/schema/**', 'src/__generated__/**'] },
  { name: 'loaders', paths: ['src/loaders/**'] },
  { name: 'cache', paths: ['src/cache/**'] },
  { name: 'counters', paths: ['src/counters/**'] },
  // One folder per platform behind the same `Upstreams` interface (src/types/Upstreams.ts).
  { name: 'upstream platforms', paths: ['src/upstream/engage/**', 'src/upstream/cloud/**'] },
  { name: 'upstream resilience', paths: ['src/upstream/resilience/**'] },
  { name: 'upstream http', paths: ['src/upstream/http/**'] },
  // OpenTelemetry spans: every layer above may make or annotate them; it knows only the foundation.
  { name: 'tracing', paths: ['src/tracing/**'] },
  {
    name: 'foundation (types, shared, errors, time, logging)',
    paths: ['src/types/**', 'src/shared/**', 'src/errors/**', 'src/time/**', 'src/logging/**'],
  },
];

/** The browser code (bundled by esbuild) shares no module with the gateway's Node code. */
const BROWSER = 'src/browser/**';

/**
 * The simulator is its own package (simulator/, `@genesys-gateway/simulator`): the gateway's
 * source never imports it (demo mode loads it at run time through src/demo/loadSimulator.ts, by a
 * specifier no static import names), and it never imports the gateway's source.
 */
const SIMULATOR = 'simulator/**';
const SIMULATOR_PACKAGE = {
  group: ['@genesys-gateway/simulator', '@genesys-gateway/simulator/*'],
  message:
    'the gateway never imports the simulator; demo mode loads it through src/demo/loadSimulator.ts.',
};
const simulatorZones = [
  {
    target: ['src/**'],
    from: [SIMULATOR],
    message:
      'the gateway never imports the simulator; demo mode loads it through src/demo/loadSimulator.ts.',
  },
  {
    target: [SIMULATOR],
    from: ['src/**'],
    message:
      'the simulator has its own copy of what it shares with the gateway (simulator/README.md).',
  },
];

const layerZones = LAYERS.flatMap((layer, index) =>
  index === 0
    ? []
    : [
        {
          target: layer.paths,
          from: [...LAYERS.slice(0, index).flatMap((above) => above.paths), BROWSER],
          message: `${layer.name} must not import from a layer above it (docs/ARCHITECTURE.md, "Layers").`,
        },
      ],
);
const browserZone = {
  target: [BROWSER],
  from: LAYERS.flatMap((layer) => layer.paths),
  message: 'browser code must not import the gateway’s Node modules.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'src/__generated__/',
      'examples/**/__generated__/',
      'test-results/',
      // The peer servers of `npm run bench:peers`: their own package and dependencies.
      'bench/peers/apollo/',
      'bench/peers/mesh/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The layers, enforced. Imports are resolved the way TypeScript resolves them (`./x.js` is
    // `x.ts`); an import the resolver cannot find is an error too, so none slips past the zones.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'simulator/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: import.meta.dirname })],
    },
    rules: {
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...layerZones, browserZone, ...simulatorZones] },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SIMULATOR_PACKAGE] }] },
  },
  {
    // The clients speak HTTP and SOAP; GraphQL begins above them (errors become GraphQL errors
    // only in src/errors/formatError.ts).
    files: ['src/upstream/**/*.ts', 'src/types/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['graphql', 'graphql/*', '@apollo/*', 'dataloader'],
              message: 'upstream/ and types/ never import GraphQL (docs/ARCHITECTURE.md).',
            },
            SIMULATOR_PACKAGE,
          ],
        },
      ],
    },
  },
  {
    // Gateway code reaches upstreams only through injected undici dispatchers.
    // src/browser/ is browser code (bundled by esbuild), where fetch is the platform's client.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/browser/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use the injected undici client.' },
      ],
    },
  },
);
