/**
 * The peer servers of `npm run bench:peers` as child processes, like the gateway: the Apollo
 * peer (`bench/peers/apollo/server.ts`) and Hive Gateway serving a Mesh composition of the
 * simulator (`bench/peers/mesh/`). Their dependencies live in `bench/peers/` (own package and
 * lock file, never in the root install); they are installed here on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startChild, type Child } from './processes.js';
import { freePort } from '../../test/helpers/freePort.js';

const PEERS = fileURLToPath(new URL('../peers/', import.meta.url));
const MESH = `${PEERS}mesh/`;

/** `npm ci --prefix bench/peers` unless its node_modules is there (progress on stderr). */
export function ensurePeersInstalled(log: (message: string) => void): void {
  if (existsSync(`${PEERS}node_modules/@graphql-hive/gateway/package.json`)) return;
  log('installing the peers into bench/peers/node_modules (npm ci, about a minute, once)');
  execFileSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

/** The Apollo Server + RESTDataSource + node-soap peer against `simUrl`. */
export function startApolloPeer(simUrl: string): Promise<Child> {
  return startChild(
    [`${PEERS}apollo/server.ts`],
    { PEER_UPSTREAM_URL: simUrl, PORT: '0', NODE_ENV: 'production' },
    /listening on (http:\/\/\S+)/,
  );
}

/** Composes the simulator's REST and SOAP sources with Mesh into `supergraph.graphql`. */
export function composeMesh(simUrl: string): void {
  execFileSync(
    process.execPath,
    [bin('@graphql-mesh/compose-cli', 'mesh-compose'), '-o', 'supergraph.graphql'],
    {
      cwd: MESH,
      env: { ...process.env, MESH_UPSTREAM_URL: simUrl },
      stdio: ['ignore', 'ignore', process.stderr],
    },
  );
}

/** Hive Gateway (one process, no workers) serving the composition; `cache`: its response cache. */
export async function startHivePeer(cache: boolean): Promise<Child> {
  // Hive Gateway reports port 0 as 0, so the port is chosen here.
  const port = await freePort();
  const args = ['supergraph', 'supergraph.graphql', '-c', 'gateway.config.ts', '--fork', '1'];
  const child = await startChild(
    [bin('@graphql-hive/gateway', 'hive-gateway'), ...args, '-h', '127.0.0.1', '-p', String(port)],
    { PEER_CACHE: cache ? '1' : '0', NODE_ENV: 'production' },
    /Listening on (http:\/\/[\d.]+:\d+)/,
    { cwd: MESH, tsx: false },
  );
  return { ...child, url: `${child.url}/graphql` };
}

/** Absolute path of a package's bin script. */
function bin(pkg: string, name: string): string {
  const manifest = JSON.parse(readFileSync(`${PEERS}node_modules/${pkg}/package.json`, 'utf8')) as {
    bin: string | Record<string, string>;
  };
  const path = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name];
  return `${PEERS}node_modules/${pkg}/${path}`;
}
