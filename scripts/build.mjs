/* global process, console, URL */
// `npm run build` (after codegen): the production build the Dockerfile runs.
//   1. the playground bundle, when package.json has a `build:playground` script;
//   2. tsc -p tsconfig.build.json: src/ → dist/src/*.js;
//   3. the files the compiled code reads at run time, next to it, where its module-relative paths
//      look: schema/*.graphql → dist/schema/ (src/schema/typeDefs.ts reads ../../schema/), its
//      federation layer schema/federation/*.graphql → dist/schema/federation/, and
//      src/upstream/engage/soap/wsdl/*.wsdl → dist/src/upstream/engage/soap/wsdl/ (SoapPort reads ./wsdl/).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => `${root}${path}`;
const run = (file, args) => execFileSync(file, args, { cwd: root, stdio: 'inherit' });

const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
if (pkg.scripts?.['build:playground']) run('npm', ['run', 'build:playground', '--silent']);

rmSync(at('dist/src'), { recursive: true, force: true });
rmSync(at('dist/schema'), { recursive: true, force: true });
run(process.execPath, [at('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);

copyMatching('schema', 'dist/schema', '.graphql');
copyMatching('schema/federation', 'dist/schema/federation', '.graphql');
copyMatching('src/upstream/engage/soap/wsdl', 'dist/src/upstream/engage/soap/wsdl', '.wsdl');
console.log(
  'build: dist/src/main.js, dist/schema/ (with federation/), dist/src/upstream/engage/soap/wsdl/ ready',
);

function copyMatching(from, to, suffix) {
  mkdirSync(at(to), { recursive: true });
  const files = readdirSync(at(from)).filter((name) => name.endsWith(suffix));
  if (files.length === 0) throw new Error(`build: no ${suffix} files in ${from}`);
  for (const name of files) cpSync(at(`${from}/${name}`), at(`${to}/${name}`));
}
