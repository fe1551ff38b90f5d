import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a scripted upstream saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Script = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/**
 * A tiny upstream on 127.0.0.1 whose answer each test scripts (status, headers, body, hang,
 * reset). Records every request. For HTTP client tests, where the simulator would be overkill.
 */
export async function startScriptedServer(): Promise<{
  url: string;
  seen: SeenRequest[];
  answer(script: Script): void;
  close(): Promise<void>;
}> {
  let script: Script = (_req, res) => res.end('{}');
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      script(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    answer(next) {
      script = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers `status` with a JSON (or raw string) body and extra headers. */
export function reply(status: number, body: unknown, headers: Record<string, string> = {}): Script {
  return (_req, res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };
}
