/**
 * `npm run build:playground` / `npm run build:example`: bundles the browser code with esbuild into
 * dist/ (gitignored). Usage: `tsx scripts/buildFrontend.ts [playground] [schedule-board]` (no
 * argument: both). Everything — React, GraphiQL, its CSS and fonts — ends up in the bundles, so
 * the pages load nothing from another host; the build fails if a stylesheet would.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One browser app: its entry points, output directory and static files copied beside them. */
interface Target {
  entryPoints: Record<string, string>;
  outdir: string;
  copy?: Record<string, string>;
}

const TARGETS: Record<string, Target> = {
  playground: {
    entryPoints: {
      playground: 'src/browser/playground/main.tsx',
      callback: 'src/browser/playground/callback.ts',
    },
    outdir: 'dist/playground',
  },
  'schedule-board': {
    entryPoints: { board: 'examples/schedule-board/src/main.tsx' },
    outdir: 'dist/examples/schedule-board',
    copy: { 'index.html': 'examples/schedule-board/index.html' },
  },
};

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Anything a stylesheet references is inlined, never fetched from elsewhere.
  loader: {
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.ttf': 'dataurl',
    '.svg': 'dataurl',
    '.png': 'dataurl',
  },
  logLevel: 'warning',
};

/** Builds one target into a clean directory and returns the files written. */
export async function buildTarget(name: string): Promise<string[]> {
  const target = TARGETS[name];
  if (!target)
    throw new Error(`Unknown target "${name}"; known: ${Object.keys(TARGETS).join(', ')}`);
  const outdir = `${ROOT}${target.outdir}`;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    ...COMMON,
    entryPoints: target.entryPoints,
    outdir,
    metafile: true,
  });
  const written = Object.keys(result.metafile.outputs).map((file) => `${ROOT}${file}`);
  for (const [to, from] of Object.entries(target.copy ?? {})) {
    await copyFile(`${ROOT}${from}`, `${outdir}/${to}`);
    written.push(`${outdir}/${to}`);
  }
  for (const file of written.filter((f) => f.endsWith('.css') || f.endsWith('.html')))
    assertNoRemoteReferences(file, await readFile(file, 'utf8'));
  return written;
}

/** A stylesheet or page that would load from another host breaks offline use: fail the build. */
function assertNoRemoteReferences(file: string, text: string): void {
  const remote =
    /url\(\s*['"]?(?:https?:)?\/\//i.exec(text) ??
    /@import\s/i.exec(text) ??
    /\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.exec(text);
  if (remote) throw new Error(`${file} references another host: ${remote[0]}`);
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(TARGETS)) {
    const started = Date.now();
    const files = await buildTarget(name);
    const shown = files
      .filter((f) => !f.endsWith('.map') && !f.endsWith('.txt'))
      .map((f) => f.slice(ROOT.length));
    // `npm run … --silent` (as prepare:assets runs it before `npm start`): keep the banner first.
    if (process.env['npm_config_loglevel'] !== 'silent')
      console.log(`built ${name} in ${Date.now() - started} ms: ${shown.join(', ')}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
