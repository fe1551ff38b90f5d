import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkce, randomToken } from '../../../../src/browser/playground/auth/pkce.js';
import { sha256 } from '../../../../src/browser/playground/auth/sha256.js';
import { withAuthorization } from '../../../../src/browser/playground/authorizationHeader.js';

describe('PKCE in the page', () => {
  it('makes a 64-character verifier and its S256 challenge (RFC 7636 §4.2)', async () => {
    const { verifier, challenge } = await createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(randomToken(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('has a SHA-256 fallback for insecure contexts that matches node:crypto', () => {
    for (const length of [0, 1, 43, 55, 56, 63, 64, 65, 128, 1000]) {
      const message = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 255);
      expect(Buffer.from(sha256(message)).toString('hex'), `length ${length}`).toBe(
        createHash('sha256').update(message).digest('hex'),
      );
    }
  });
});

describe('withAuthorization (the header editor after sign-in and sign-out)', () => {
  const always = () => true;
  const never = () => false;

  it('adds the token to empty or other headers, first', () => {
    expect(withAuthorization('', 'T', always)).toBe('{\n  "Authorization": "Bearer T"\n}');
    expect(JSON.parse(withAuthorization('{"x-request-id":"1"}', 'T', always) as string)).toEqual({
      Authorization: 'Bearer T',
      'x-request-id': '1',
    });
  });

  it('replaces an Authorization in any letter case only when allowed', () => {
    expect(withAuthorization('{"authorization":"Bearer mine"}', 'T', never)).toBe(
      '{"authorization":"Bearer mine"}',
    );
    expect(
      JSON.parse(withAuthorization('{"authorization":"Bearer old"}', 'T', always) as string),
    ).toEqual({
      Authorization: 'Bearer T',
    });
  });

  it('removes it on sign-out and leaves text alone when nothing changes or it is not JSON', () => {
    expect(withAuthorization('{"Authorization":"Bearer T"}', null, always)).toBe('');
    expect(withAuthorization('{"a":"1"}', null, always)).toBe('{"a":"1"}');
    expect(withAuthorization('{"Authorization":"Bearer T"}', 'T', always)).toBe(
      '{"Authorization":"Bearer T"}',
    );
    expect(withAuthorization('{"a": ', 'T', always)).toBeNull();
    expect(withAuthorization('[1]', 'T', always)).toBeNull();
  });
});

describe('withOwnOperationName (GraphiQL tab-switch race)', () => {
  it("drops another tab's operation name when the document has one operation", async () => {
    const { withOwnOperationName } = await import('../../../../src/browser/playground/fetcher.js');
    const stale = {
      query: 'query WeekSchedules { me { user { username } } }',
      operationName: 'WhoAmI',
    };
    expect(withOwnOperationName(stale)).toEqual({ query: stale.query });
  });

  it('keeps a name the document defines, and any name when several operations need it', async () => {
    const { withOwnOperationName } = await import('../../../../src/browser/playground/fetcher.js');
    const own = { query: 'query A { me { user { username } } }', operationName: 'A' };
    expect(withOwnOperationName(own)).toEqual(own);
    const several = {
      query: 'query A { sites { id } } query B { sites { id } }',
      operationName: 'C',
    };
    expect(withOwnOperationName(several)).toEqual(several);
    const broken = { query: 'query {', operationName: 'X' };
    expect(withOwnOperationName(broken)).toEqual(broken);
  });
});
