/**
 * R13 — the production profile's probes: introspection and playground off, an unlisted CORS
 * origin never echoed, a `text/plain` POST refused as CSRF, a batch refused, an oversize body
 * answered 413, and an unexpected (non-GraphQL) error masked. Prints status and body per probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type GqlResponse, type TestGateway } from '../helpers/testGateway.js';
import { reliabilityOptions } from './support.js';

const SECRET_DETAIL = 'db password hunter2 at /srv/internal';

describe('R13 production profile', () => {
  let gateway: TestGateway;
  let token: string;
  const rows: string[] = [];
  beforeAll(async () => {
    gateway = await startTestGateway(
      reliabilityOptions('production', {
        env: { CORS_ORIGINS: 'https://app.example.com' },
        clients: {
          // A bug in a client class: a plain Error whose text must never reach the caller.
          wfm: () => ({
            userInfo: async (ctx) => {
              throw new TypeError(`${SECRET_DETAIL}; sent Bearer ${ctx.token}`);
            },
          }),
        },
      }),
    );
    token = await gateway.token();
  });
  afterAll(async () => {
    console.log(`R13 production probes:\n  ${rows.join('\n  ')}`);
    await gateway?.close();
  });

  function record(probe: string, res: GqlResponse): GqlResponse {
    const type = String(res.headers['content-type'] ?? '').split(';')[0];
    const cors = probe.includes('Origin')
      ? `access-control-allow-origin: ${String(res.headers['access-control-allow-origin'] ?? '(none)')} `
      : '';
    rows.push(
      `${probe.padEnd(36)} ${res.status} ${type} ${cors}${res.text.replace(/\s+/g, ' ').slice(0, 110)}`,
    );
    return res;
  }

  it('refuses introspection', async () => {
    const res = record(
      'introspection __schema',
      await gateway.gql('{ __schema { types { name } } }', token),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const type = record(
      'introspection __type',
      await gateway.gql('{ __type(name: "Site") { fields { name } } }', token),
    );
    expect(type.status).toBe(400);
  });

  it('serves no playground or landing page to a browser', async () => {
    for (const path of ['/graphql', '/', '/playground']) {
      const res = record(
        `GET ${path} (Accept: text/html)`,
        await gateway.send({
          method: 'GET',
          path,
          headers: { accept: 'text/html,application/xhtml+xml' },
        }),
      );
      expect(String(res.headers['content-type'] ?? '')).not.toMatch(/text\/html/);
      expect(res.text).not.toMatch(/<html|graphiql/i);
    }
  });

  it('never echoes an unlisted CORS origin', async () => {
    const preflight = await gateway.send({
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    record('OPTIONS, Origin: unlisted', preflight);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await gateway.send({
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: '{ me { user { username } } }' }),
    });
    record('POST, Origin: unlisted', simple);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const listed = await gateway.send({
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    record('OPTIONS, Origin: listed', listed);
    expect(listed.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('refuses a text/plain POST as CSRF, and a batch', async () => {
    const csrf = record(
      'POST text/plain',
      await gateway.send({
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { user { username } } }' }),
      }),
    );
    expect(csrf.status).toBe(400);
    expect(csrf.text).toMatch(/CSRF/);
    const batch = record(
      'POST [batch of 2]',
      await gateway.send({
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      }),
    );
    expect(batch.status).toBe(400);
  });

  it('answers an oversize body 413 without a number', async () => {
    const res = record(
      'POST 1 MiB + 1 byte',
      await gateway.send({
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: Buffer.alloc(1024 * 1024 + 1, 0x20),
      }),
    );
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/\d/);
  });

  it('masks an unexpected error: no message, stack or token', async () => {
    const res = record(
      'thrown TypeError in a client',
      await gateway.gql('{ me { user { username } wfmUser { id } } }', token),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.data.me.user.username).toBeTruthy();
    expect(body.errors[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(res.text).not.toMatch(/hunter2|srv|stack|TypeError/);
    expect(res.text).not.toContain(token);
    // The log keeps the detail for operators, with the token removed.
    const logged = gateway.logLines.filter((l) => l.includes('hunter2'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(token);
  });
});
