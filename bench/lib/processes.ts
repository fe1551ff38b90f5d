/**
 * The simulator and the gateway as child processes — `simulator/src/main.ts` and the real
 * `src/main.ts` (what `npm run simulator` and `npm start` run) — so each has its own event loop
 * and its CPU time is its own: the gateway's CPU per request is measured from the gateway process
 * alone, not mixed with the simulator's XML building or the load generator's work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./probe.ts', import.meta.url));

/** A started child and what it printed. */
export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** CPU (µs) and memory (bytes) of the gateway child at one instant. */
export interface Usage {
  cpu: { user: number; system: number };
  memory: { rss: number; heapUsed: number; heapTotal: number };
}

/** The gateway child, with its probe. */
export interface GatewayChild extends Child {
  /** CPU and memory now; with `afterGc`, after a full collection (the live heap). */
  usage(afterGc?: boolean): Promise<Usage>;
}

/** Starts the simulator (rate limit off) with `agents` seeded agents. */
export async function startSimulatorChild(agents: number): Promise<Child> {
  return startChild(
    ['simulator/src/main.ts'],
    {
      SIMULATOR_PORT: '0',
      SIMULATOR_AGENTS: String(agents),
      SIMULATOR_RATE_LIMIT: '0',
    },
    /listening on (http:\/\/\S+)/,
  );
}

/**
 * Starts `src/main.ts` against the simulator at `simUrl`, with extra `env`. `root` is the checkout
 * whose gateway runs (default this one; `bench/compareGateways.ts` passes another).
 */
export async function startGatewayChild(
  simUrl: string,
  env: Record<string, string> = {},
  root: string = ROOT,
): Promise<GatewayChild> {
  const child = await startChild(
    // --expose-gc only lets the probe measure the live heap on request; nothing else calls gc().
    ['--expose-gc', '--import', PROBE, 'src/main.ts'],
    {
      GENESYS_AUTH_URL: `${simUrl}/auth/v3`,
      GENESYS_WFM_URL: `${simUrl}/wfm/api/v3`,
      GENESYS_WFM_LOCATOR_URL: `${simUrl}/?Handler=WFMLocatorService800`,
      HOST: '127.0.0.1',
      PORT: '0',
      // The production profile, as the Dockerfile runs it (graphql-js skips its dev-only checks).
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      TOKEN_HASH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      ...env,
    },
    /GraphQL\s+(http:\/\/\S+)/,
    { cwd: root },
  );
  let questions = 0;
  return {
    ...child,
    usage: (afterGc = false) =>
      new Promise<Usage>((resolve, reject) => {
        const id = ++questions;
        const onMessage = (message: unknown): void => {
          const m = message as Usage & { type?: string; id?: number };
          if (m?.type !== 'usage' || m.id !== id) return;
          child.process.off('message', onMessage);
          resolve({ cpu: m.cpu, memory: m.memory });
        };
        child.process.on('message', onMessage);
        if (!child.process.send?.({ type: afterGc ? 'usage-after-gc' : 'usage', id }))
          reject(new Error('gateway child has no IPC'));
      }),
  };
}

/**
 * Starts `node [--import tsx] ...args` and resolves with the first capture of `ready` in its
 * output. `options.cwd` defaults to the repository root; `options.tsx: false` runs plain Node.
 */
export async function startChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  options: { cwd?: string; tsx?: boolean } = {},
): Promise<Child> {
  const child = spawn(
    process.execPath,
    [...(options.tsx === false ? [] : ['--import', 'tsx']), ...args],
    {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.at(-1)} did not start:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.at(-1)} exited with ${code}:\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty child never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    process: child,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        // Already gone (exited, or killed by a signal): no 'exit' event will come again.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}
