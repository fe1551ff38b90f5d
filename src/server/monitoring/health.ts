import type { IncomingMessage, ServerResponse } from 'node:http';

/** The answer of one readiness check; `state` is a fixed word (`ok`, `loading`, `failed`, `unreachable`…), never data. */
export interface CheckResult {
  ok: boolean;
  state: string;
}

/** One condition of readiness (WSDLs loaded, an upstream reachable). Must not throw; should answer fast. */
export interface ReadinessCheck {
  /** Shown in `/readyz` (e.g. `wsdl`, `auth`); a fixed identifier. */
  readonly name: string;
  run(): Promise<CheckResult>;
}

/** What `/readyz` reports. */
export interface ReadinessReport {
  ready: boolean;
  shuttingDown: boolean;
  checks: Record<string, string>;
}

/**
 * Liveness and readiness. `/healthz` answers 200 while the process serves HTTP (shutdown
 * included: the orchestrator must not kill a draining process). `/readyz` answers 200 only when
 * every check passes and no shutdown has begun, else 503; both bodies are small JSON without
 * host names or URLs.
 */
export class Health {
  readonly #checks: readonly ReadinessCheck[];
  #shuttingDown = false;

  constructor(checks: readonly ReadinessCheck[] = []) {
    this.#checks = checks;
  }

  /** True once {@link beginShutdown} was called. */
  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Readiness turns false for good (SIGTERM): the first step of a graceful shutdown. */
  beginShutdown(): void {
    this.#shuttingDown = true;
  }

  /** Runs every check (concurrently) and reports. */
  async readiness(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.#checks.map(async (check) => {
        try {
          return [check.name, await check.run()] as const;
        } catch {
          return [check.name, { ok: false, state: 'failed' }] as const;
        }
      }),
    );
    const checks: Record<string, string> = {};
    let ok = true;
    for (const [name, result] of results) {
      checks[name] = result.state;
      ok &&= result.ok;
    }
    return { ready: ok && !this.#shuttingDown, shuttingDown: this.#shuttingDown, checks };
  }

  /**
   * Answers `GET|HEAD /healthz` and `GET|HEAD /readyz`; returns false for any other path (the
   * caller goes on). Other methods get 405.
   */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string, method: string): boolean {
    if (pathname !== '/healthz' && pathname !== '/readyz') return false;
    if (method !== 'GET' && method !== 'HEAD') {
      send(
        res,
        405,
        { errors: [{ message: `Use GET ${pathname}.`, extensions: { code: 'BAD_USER_INPUT' } }] },
        method,
      );
      res.setHeader('allow', 'GET, HEAD');
      return true;
    }
    if (pathname === '/healthz') {
      send(res, 200, { status: 'ok' }, method);
      return true;
    }
    this.readiness().then(
      (report) =>
        send(
          res,
          report.ready ? 200 : 503,
          { status: report.ready ? 'ready' : 'not ready', ...report },
          method,
        ),
      () => send(res, 503, { status: 'not ready' }, method),
    );
    return true;
  }
}

/** A check that passes once `promise` resolves (`loading` before, `failed` if it rejects). */
export function promiseCheck(name: string, promise: Promise<unknown>): ReadinessCheck {
  let result: CheckResult = { ok: false, state: 'loading' };
  promise.then(
    () => (result = { ok: true, state: 'ok' }),
    () => (result = { ok: false, state: 'failed' }),
  );
  return { name, run: () => Promise.resolve(result) };
}

function send(res: ServerResponse, status: number, body: unknown, method: string): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(method === 'HEAD' ? undefined : text);
}
