/**
 * `src/main.ts` as `npm start` runs it (tsx, a child process, a working directory without .env):
 * NODE_ENV=production without the Genesys URLs refuses to start, naming them (CONTRACT §2), and
 * demo mode starts the simulator with SIMULATOR_AGENTS and SIMULATOR_RATE_LIMIT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@genesys-gateway/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
const MAIN = join(ROOT, 'src/main.ts');

let cwd = '';
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'start-modes-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { child, output: () => text };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function until(check: () => boolean, what: string, output: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
}

describe('npm start', () => {
  it('refuses NODE_ENV=production without GENESYS_* URLs, naming them, and serves nothing', async () => {
    const { child, output } = startMain({ NODE_ENV: 'production', PORT: '0', SIMULATOR_PORT: '0' });
    expect(await exitOf(child)).toBe(1);
    expect(output()).toMatch(
      /GENESYS_AUTH_URL, GENESYS_WFM_URL, GENESYS_WFM_LOCATOR_URL must be set when NODE_ENV=production/,
    );
    expect(output()).not.toMatch(/DEMO mode|Simulator {3}http/);
  });

  it('in demo mode seeds SIMULATOR_AGENTS agents and applies SIMULATOR_RATE_LIMIT', async () => {
    const { child, output } = startMain({
      PORT: '0',
      SIMULATOR_PORT: '0',
      SIMULATOR_AGENTS: '3',
      SIMULATOR_RATE_LIMIT: '7',
      PLAYGROUND_ENABLED: 'false',
    });
    const exited = exitOf(child);
    try {
      await until(() => /Simulator\s+http:\/\/\S+/.test(output()), 'the banner', output);
      const simUrl = /Simulator\s+(http:\/\/\S+)/.exec(output())![1]!;
      const settings = (await (await fetch(`${simUrl}/__admin/settings`)).json()) as {
        rateLimitPerMinute: number;
      };
      expect(settings.rateLimitPerMinute).toBe(7);
      const token = async (user: string) =>
        (
          await fetch(`${simUrl}/auth/v3/oauth/token`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`,
            },
            body: new URLSearchParams({
              grant_type: 'password',
              username: `demo\\${user}`,
              password: 'demo-password',
              scope: '*',
            }).toString(),
          })
        ).status;
      expect(await token('agent003')).toBe(200);
      expect(await token('agent004')).not.toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('GENESYS_PLATFORM=cloud against an org (the simulator standing in): ready on the Cloud probes, serving', async () => {
    const org = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
    const { child, output } = startMain({
      NODE_ENV: 'production',
      PORT: '0',
      GENESYS_PLATFORM: 'cloud',
      GENESYS_CLOUD_API_URL: org.cloudApiUrl,
      GENESYS_CLOUD_LOGIN_URL: org.cloudLoginUrl,
    });
    const exited = exitOf(child);
    try {
      await until(() => /GraphQL\s+http:\/\/\S+/.test(output()), 'the banner', output);
      const graphql = /GraphQL\s+(http:\/\/\S+)/.exec(output())![1]!;
      const ready = await fetch(new URL('/readyz', graphql));
      expect(await ready.json()).toMatchObject({
        ready: true,
        checks: { 'cloud-api': 'ok', 'cloud-login': 'ok' },
      });
      const answer = await fetch(graphql, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${org.mintToken('cloud', 'sam.supervisor').access_token}`,
        },
        body: JSON.stringify({ query: '{ me { kind } sites { name } }' }),
      });
      const body = (await answer.json()) as { data: { me: unknown; sites: unknown[] } };
      expect(body.data.me).toEqual({ kind: 'USER' });
      expect(body.data.sites.length).toBeGreaterThan(0);
      expect(org.log.entries().every((e) => e.service === 'cloud' || e.service === 'admin')).toBe(
        true,
      );
      expect(output()).not.toMatch(/DEMO mode|Simulator {3}http/);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await org.close();
    }
  });
});
