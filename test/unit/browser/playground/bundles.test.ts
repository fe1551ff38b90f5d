import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The bundles `npm run build:playground` / `build:example` write, with the file each must hold.
 * `npm test` builds them first (pretest → prepare:assets); run alone, build them first.
 */
const BUNDLES = [
  { dir: 'dist/playground', entry: 'playground.js' },
  { dir: 'dist/examples/schedule-board', entry: 'index.html' },
];
const DIRS = BUNDLES.map((bundle) => bundle.dir);

/**
 * Hosts that appear in the bundled libraries as text only — SVG/XML namespace names, links in
 * GraphiQL's UI (its logo, which the playground replaces, and the key-map help), React's error
 * links, and the spec links of graphql-js scalar descriptions. None is ever requested: the pages'
 * CSP allows this origin only and the browser tests abort any other request. A new host here means
 * a library update: check that it is not loaded before adding it.
 */
const TEXT_ONLY_HOSTS = new Set([
  'www.w3.org',
  'react.dev',
  'github.com',
  'codemirror.net',
  'commonmark.org',
  'en.wikipedia.org',
  'yarnpkg.com',
]);

describe('the browser bundles', () => {
  const present = BUNDLES.every(({ dir, entry }) => existsSync(join(dir, entry)));
  const files = present
    ? DIRS.flatMap((dir) =>
        readdirSync(dir)
          .filter((name) => /\.(js|css|html)$/.test(name))
          .map((name) => join(dir, name)),
      )
    : [];

  it('are built (run `npm run prepare:assets`, as `npm test` does first)', () => {
    for (const { dir, entry } of BUNDLES)
      expect(existsSync(join(dir, entry)), `${dir}/${entry} is missing`).toBe(true);
  });

  it('reference no outside host in pages and stylesheets', () => {
    for (const file of files.filter((f) => !f.endsWith('.js')))
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/https?:\/\//);
  });

  it('mention outside hosts in scripts only as known text, never as something to load', () => {
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(file, 'utf8');
      const hosts = new Set([...text.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1]));
      expect(
        [...hosts].filter((h) => !TEXT_ONLY_HOSTS.has(h as string)),
        file,
      ).toEqual([]);
      expect(text, file).not.toMatch(/import\(\s*["'`]https?:/);
      expect(text, file).not.toMatch(/sourceMappingURL=https?:/);
    }
  });
});
