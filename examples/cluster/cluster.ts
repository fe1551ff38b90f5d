/**
 * `npm run cluster`: the whole deployment of issue 12 on one machine, without Docker: a
 * `redis-server` (Debian's package), the Genesys simulator, three gateway replicas (separate
 * processes, `src/main.ts`) sharing Redis, and the edge (edge.ts: balancer, notes subgraph,
 * Hive Gateway router). Everything on 127.0.0.1; Ctrl-C stops it all.
 *
 *   npm run cluster                 run until Ctrl-C
 *   npm run cluster -- --smoke      start, ask one query through the router, print it, stop
 *   tsx examples/cluster/cluster.ts --edge --replicas gateway-1:4000,gateway-2:4000 --host 0.0.0.0
 *                                   only the edge, in front of replicas running elsewhere
 *                                   (compose.yaml's `edge` service)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startSimulator, type Simulator } from '@genesys-gateway/simulator';
import type { BalancerTarget } from './balancer.js';
import { startEdge, type Edge } from './edge.js';

/** The ports of a local cluster (README "Ports"). */
export const PORTS = {
  router: 4000,
  simulator: 4010,
  notes: 4020,
  balancer: 4100,
  replicas: [4101, 4102, 4103],
  redis: 6390,
} as const;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUBGRAPH_SDL = new URL('../../schema.subgraph.graphql', import.meta.url);
const HOST = '127.0.0.1';
const READY_WAIT_MS = 60_000;

/** One query across both subgraphs, asked by `--smoke` and shown in the banner. */
export const SPANNING_QUERY =
  '{ agent(id: "1003") { firstName lastName site { name } notes { text author } } }';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    edge: { type: 'boolean', default: false },
    replicas: { type: 'string' },
    host: { type: 'string', default: HOST },
    debug: { type: 'boolean', default: false },
  },
});

const stoppers: (() => Promise<void>)[] = [];
/** Every process started here: whoever ends this process (the router's runtime exits on a signal
 * after disposing itself), none of them outlives it. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
});

async function main(): Promise<void> {
  const gatewaySdl = readFileSync(SUBGRAPH_SDL, 'utf8');
  if (values.edge) {
    const replicas = (values.replicas ?? '').split(',').filter(Boolean).map(target);
    if (replicas.length === 0) throw new Error('--edge needs --replicas host:port,host:port');
    const edge = await startEdge({
      replicas,
      gatewaySdl,
      host: values.host,
      reachAt: values.host === '0.0.0.0' ? '127.0.0.1' : values.host,
      ports: { router: PORTS.router, balancer: PORTS.balancer, notes: PORTS.notes },
      debug: values.debug,
    });
    stoppers.push(() => edge.close());
    console.log(
      `router ${edge.router.url} over ${replicas.map((r) => `${r.host}:${r.port}`).join(', ')}`,
    );
    return;
  }

  const redisUrl = await startRedis(PORTS.redis);
  const sim = await startSimulator({ port: PORTS.simulator, host: HOST });
  stoppers.push(() => sim.close());
  const secret = randomBytes(32).toString('hex');
  await Promise.all(
    PORTS.replicas.map((port, i) => startReplica(i + 1, port, sim, redisUrl, secret)),
  );
  const edge: Edge = await startEdge({
    replicas: PORTS.replicas.map((port) => ({ host: HOST, port })),
    gatewaySdl,
    host: HOST,
    ports: { router: PORTS.router, balancer: PORTS.balancer, notes: PORTS.notes },
    debug: values.debug,
  });
  stoppers.push(() => edge.close());
  const token = (await sim.passwordToken('sam.supervisor')).access_token;

  if (values.smoke) {
    const answer = await ask(edge.router.url, token, SPANNING_QUERY);
    console.log(JSON.stringify(answer));
    const ok = answer.errors === undefined && answer.data?.agent?.notes?.length === 1;
    await stop();
    process.exit(ok ? 0 : 1);
  }
  console.log(banner(edge, redisUrl, token));
}

function target(text: string): BalancerTarget {
  const [host, port] = text.split(':');
  if (!host || !port || !/^\d+$/.test(port))
    throw new Error(`--replicas: "${text}" is not host:port`);
  return { host, port: Number(port) };
}

/** Starts `redis-server` on 127.0.0.1:`port`, persisting nothing; resolves when it answers PING. */
async function startRedis(port: number): Promise<string> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const spawned = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(
        new Error(`redis-server could not start (${error.message}): apt-get install redis-server`),
      ),
    ),
  );
  children.add(child);
  stoppers.push(() => kill(child));
  const url = `redis://${HOST}:${port}`;
  await Promise.race([spawned, waitFor(async () => ping(url), `redis-server on port ${port}`)]);
  return url;
}

async function ping(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Starts replica `n` (`src/main.ts` under tsx) on `port`; resolves when its /readyz says ready. */
async function startReplica(
  n: number,
  port: number,
  sim: Simulator,
  redisUrl: string,
  secret: string,
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'development',
      HOST,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      GENESYS_AUTH_URL: sim.authUrl,
      GENESYS_WFM_URL: sim.wfmUrl,
      GENESYS_WFM_LOCATOR_URL: sim.locatorUrl,
      REDIS_URL: redisUrl,
      // Equal on every replica: the shared tier's keys carry the token's HMAC under it.
      TOKEN_HASH_SECRET: secret,
    },
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => process.stderr.write(prefix(`gateway-${n}`, chunk)));
  children.add(child);
  stoppers.push(() => kill(child));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`gateway-${n} exited with ${child.exitCode}`);
    try {
      return (await fetch(`http://${HOST}:${port}/readyz`)).status === 200;
    } catch {
      return false;
    }
  }, `gateway-${n} on port ${port}`);
}

function prefix(name: string, chunk: Buffer): string {
  return chunk
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => `[${name}] ${line}\n`)
    .join('');
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + READY_WAIT_MS;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} was not ready within ${READY_WAIT_MS / 1000} s`);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Answer {
  data?: { agent?: { notes?: unknown[] } | null } | null;
  errors?: unknown[];
}

async function ask(url: string, token: string, query: string): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as Answer;
}

function banner(edge: Edge, redisUrl: string, token: string): string {
  return [
    '',
    `Cluster ready. Router (Hive Gateway): ${edge.router.url}`,
    `  gateway replicas  ${PORTS.replicas.map((p) => `http://${HOST}:${p}/graphql`).join('  ')}`,
    `  balancer          ${edge.balancer.origin}/graphql (round robin per connection)`,
    `  notes subgraph    ${edge.notes.url}`,
    `  Redis             ${redisUrl}`,
    '',
    'A token of sam.supervisor, and one query answered by both subgraphs:',
    `  TOKEN=${token}`,
    `  curl -s ${edge.router.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ query: SPANNING_QUERY })}'`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}

async function stop(): Promise<void> {
  for (const stopper of stoppers.splice(0).reverse()) await stopper().catch(() => undefined);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    // The replicas first: each drains its requests (SHUTDOWN_GRACE_MS) while the rest stops.
    for (const child of children) child.kill('SIGTERM');
    void stop().then(() => process.exit(0));
  });

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  await stop();
  process.exit(1);
});
