/**
 * What the bench runner asks the simulator directly: tokens through the real password grant, and
 * its request log (`/__admin/log`, loopback only) to count upstream calls.
 */
import { Agent, request } from 'undici';

const agent = new Agent({ connections: 32 });
const BASIC = `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`;

/** One log entry as `/__admin/log` lists it (the fields the bench reads). */
export interface LogEntry {
  service: string;
  operation: string;
  status: number;
}

/** An access token of `demo\<user>`. */
export async function passwordToken(simUrl: string, user: string): Promise<string> {
  const response = await request(`${simUrl}/auth/v3/oauth/token`, {
    dispatcher: agent,
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: `demo\\${user}`,
      password: 'demo-password',
      scope: '*',
    }).toString(),
  });
  const body = (await response.body.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${user} (${response.statusCode})`);
  return body.access_token;
}

/** Tokens of many users, `parallel` at a time. */
export async function passwordTokens(
  simUrl: string,
  users: readonly string[],
  parallel = 16,
): Promise<string[]> {
  const tokens: string[] = new Array<string>(users.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < users.length) {
        const i = next++;
        tokens[i] = await passwordToken(simUrl, users[i] as string);
      }
    }),
  );
  return tokens;
}

/** Forgets the simulator's request log. */
export async function clearLog(simUrl: string): Promise<void> {
  const response = await request(`${simUrl}/__admin/log`, { dispatcher: agent, method: 'DELETE' });
  await response.body.dump();
}

/** The upstream calls logged since the last clear, without sign-ins (`oauth/token`). */
export async function upstreamCalls(simUrl: string): Promise<LogEntry[]> {
  const response = await request(`${simUrl}/__admin/log`, { dispatcher: agent });
  const body = (await response.body.json()) as { entries?: LogEntry[] } | LogEntry[];
  const entries = Array.isArray(body) ? body : (body.entries ?? []);
  return entries.filter((e) => e.service !== 'admin' && e.operation !== 'oauth/token');
}

/** `agent001`, `agent002`, … */
export function agentUsers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `agent${String(i + 1).padStart(3, '0')}`);
}

/** Closes the shared connection pool. */
export function closeSimClient(): Promise<void> {
  return agent.close();
}
