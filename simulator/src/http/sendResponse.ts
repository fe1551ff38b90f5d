import type { ServerResponse } from 'node:http';
import type { SimResponse } from '../types.js';

/** Writes a handler's answer with an exact Content-Length. No-op on a destroyed response. */
export function sendResponse(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}
