import { describe, expect, it } from 'vitest';
import {
  UpstreamError,
  type ForbiddenReason,
  type UpstreamErrorKind,
} from '../../../../src/errors/UpstreamError.js';
import { createSchemaHarness } from '../../../helpers/schemaHarness.js';

const CHANGE = `mutation ($input: ChangePasswordInput!) {
  changePassword(input: $input) { success message error { code reason message } }
}`;
const INPUT = { input: { oldPassword: 'old', newPassword: 'new' } };

function authError(kind: UpstreamErrorKind, reason?: ForbiddenReason) {
  return new UpstreamError(kind, 'x', {
    service: 'auth',
    operation: 'change-password',
    status: 403,
    ...(reason ? { reason } : {}),
  });
}

describe('changePassword', () => {
  it('changes the password, forwards the input and drops the caller SOAP session', async () => {
    const h = createSchemaHarness();
    const result = await h.run(CHANGE, {
      input: { oldPassword: 'old', newPassword: 'new', userName: 'sam' },
    });
    expect(result).toEqual({
      data: { changePassword: { success: true, message: 'Password changed.', error: null } },
    });
    expect(h.fakes.log.of('change-password').map((c) => c.args)).toEqual([
      { oldPassword: 'old', newPassword: 'new', userName: 'sam' },
    ]);
    expect(h.fakes.soap.dropped).toEqual(['hash-of-token-1']);
  });

  it('answers a refusal by the Authentication API as a payload error, and keeps the session', async () => {
    const h = createSchemaHarness();
    h.fakes.log.failures.push({
      operation: 'change-password',
      error: authError('FORBIDDEN', 'UPSTREAM_FORBIDDEN'),
    });
    const result = await h.run(CHANGE, INPUT);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['changePassword']).toMatchObject({
      success: false,
      error: {
        code: 'FORBIDDEN',
        reason: 'UPSTREAM_FORBIDDEN',
        message: expect.stringContaining('refused'),
      },
    });
    expect(h.fakes.soap.dropped).toEqual([]);
  });

  it.each([
    ['an invalid API key', authError('FORBIDDEN', 'INVALID_API_KEY'), 'FORBIDDEN'],
    ['an outage', authError('UNAVAILABLE'), 'UPSTREAM_UNAVAILABLE'],
  ])('reports %s as an error entry, not a payload', async (_name, error, code) => {
    const h = createSchemaHarness();
    h.fakes.log.failures.push({ operation: 'change-password', error });
    const result = await h.run(CHANGE, INPUT);
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual([code]);
  });
});

describe('signOut', () => {
  it('signs out this token by default and drops the session', async () => {
    const h = createSchemaHarness();
    const result = await h.run('mutation { signOut { success global } }');
    expect(result).toEqual({ data: { signOut: { success: true, global: false } } });
    expect(h.fakes.log.of('sign-out').map((c) => c.args)).toEqual([{ global: false }]);
    expect(h.fakes.soap.dropped).toEqual(['hash-of-token-1']);
  });

  it('passes global: true through', async () => {
    const h = createSchemaHarness();
    const result = await h.run('mutation { signOut(global: true) { success global } }');
    expect(result.data).toEqual({ signOut: { success: true, global: true } });
    expect(h.fakes.log.of('sign-out').map((c) => c.args)).toEqual([{ global: true }]);
  });

  it('keeps the session when the sign-out fails', async () => {
    const h = createSchemaHarness();
    h.fakes.log.failures.push({ operation: 'sign-out', error: authError('UNAUTHENTICATED') });
    const result = await h.run('mutation { signOut { success } }');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(h.fakes.soap.dropped).toEqual([]);
  });
});
