import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { startSimulator, type Simulator, type SimulatorOptions } from '../src/createSimulator.js';

/** A simulator answer, read completely. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Starts a simulator on port 0 with the rate limit off unless asked for. */
export function start(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ rateLimitPerMinute: 0, ...options });
}

/** Sends one request with undici and reads the whole body. */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers ?? {},
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: <T>() => JSON.parse(text) as T,
  };
}

/** `Authorization: Basic` for demo-client (or the given credentials). */
export function basic(id = 'demo-client', secret = 'demo-secret'): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** `POST oauth/token` with a form body and Basic client authentication. */
export function tokenRequest(
  sim: Simulator,
  form: Record<string, string>,
  authorization = basic(),
): Promise<Reply> {
  return send(`${sim.authUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: new URLSearchParams(form).toString(),
  });
}

/** GET with a Bearer token. */
export function getWith(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return send(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** A PKCE S256 verifier and its challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A header value as one string. */
export function header(reply: Reply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
