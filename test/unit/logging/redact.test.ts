import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../../src/logging/createJsonLogger.js';
import { KnownSecrets } from '../../../src/logging/KnownSecrets.js';
import { REDACTED, redactedJson, redactText } from '../../../src/logging/redact.js';

const TOKEN = '6a5f0c2e-3d4a-4e5b-9c8d-7a6f5e4d3c2b';

describe('redaction', () => {
  it('removes Bearer and Basic credentials inside any text, in any case', () => {
    expect(redactText(`upstream said: bearer ${TOKEN} was refused`)).toBe(
      `upstream said: bearer ${REDACTED} was refused`,
    );
    expect(redactText('Authorization: Basic ZGVtbzpzZWNyZXQ=')).toBe(
      `Authorization: Basic ${REDACTED}`,
    );
    expect(redactText('GET /x?access_token=abc.def&x=1 password=hunter2')).toBe(
      `GET /x?access_token=${REDACTED}&x=1 password=${REDACTED}`,
    );
    expect(redactText('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end')).toBe(
      `jwt ${REDACTED} end`,
    );
  });

  it('removes secret-named fields at any depth and in any letter case', () => {
    const line = redactedJson({
      msg: 'x',
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-API-Key': 'k' },
      deep: [{ nested: { Refresh_Token: 'r', password: 'p', tokenHash: 'abc' } }],
    });
    expect(line).not.toMatch(new RegExp(`${TOKEN}|"k"|"r"|"p"`));
    expect(JSON.parse(line).deep[0].nested.tokenHash).toBe('abc');
  });

  it('removes the raw credential of a request in flight wherever it appears, and only while it runs', () => {
    const secrets = new KnownSecrets();
    const release = secrets.trackAuthorization(`Bearer ${TOKEN}`);
    const message = `cache miss for ${TOKEN}`;
    expect(redactText(message, secrets)).toBe(`cache miss for ${REDACTED}`);
    release();
    release(); // idempotent
    expect(secrets.size).toBe(0);
    expect(redactText(message, secrets)).toBe(message);
  });

  it('tracks overlapping requests with the same credential by count, ignores short ones, and is bounded', () => {
    const secrets = new KnownSecrets(2);
    const a = secrets.track(TOKEN);
    const b = secrets.track(TOKEN);
    a();
    expect(redactText(TOKEN, secrets)).toBe(REDACTED);
    b();
    expect(secrets.size).toBe(0);
    secrets.track('short');
    expect(secrets.size).toBe(0);
    secrets.track('x'.repeat(20));
    secrets.track('y'.repeat(20));
    secrets.track('z'.repeat(20));
    expect(secrets.size).toBe(2);
  });

  it('logs JSON lines at or above LOG_LEVEL with redaction, and never throws', () => {
    const lines: string[] = [];
    const secrets = new KnownSecrets();
    secrets.track(TOKEN);
    const logger = createJsonLogger({ level: 'warn', secrets, write: (l) => lines.push(l) });
    logger.info('dropped');
    logger.warn(`token ${TOKEN} seen`, { error: new Error(`Bearer ${TOKEN}`) });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    logger.error('cyclic', { cyclic });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'warn',
      msg: `token ${REDACTED} seen`,
    });
    expect(JSON.parse(lines[1] as string)).toMatchObject({ level: 'error', msg: 'cyclic' });
  });
});
