/**
 * The per-request budget end to end (src/shared/RequestBudget.ts): REQUEST_MAX_UPSTREAM_CALLS
 * stops a request before its next SOAP call goes out, REQUEST_MAX_ANSWER_ITEMS before a list
 * that does not fit is answered; both coded BAD_USER_INPUT with `extensions.limit`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const SITES_AND_AGENTS = '{ sites { id agents { id } } }';

describe('the per-request budget', () => {
  it('refuses the SOAP call past REQUEST_MAX_UPSTREAM_CALLS without sending it', async () => {
    // No response cache: every charged call would otherwise also be a call the simulator sees.
    gateway = await startTestGateway({
      env: { REQUEST_MAX_UPSTREAM_CALLS: '1' },
      responseCache: false,
    });
    const token = await gateway.token();
    const before = gateway.counters.totalUpstreamCalls('wfm-soap');
    const { body } = await gateway.gql(SITES_AND_AGENTS, token);
    const soapCalls = gateway.counters.totalUpstreamCalls('wfm-soap') - before;
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'UPSTREAM_CALLS' });
      expect(error.message).not.toMatch(/\d/);
    }
    expect(soapCalls).toBe(1);
  });

  it('answers the same query whole within the default budget', async () => {
    gateway = await startTestGateway({ responseCache: false });
    const { body } = await gateway.gql(SITES_AND_AGENTS, await gateway.token());
    expect(body.errors).toBeUndefined();
    expect((body.data?.sites as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses a list past REQUEST_MAX_ANSWER_ITEMS with limit ANSWER_ITEMS', async () => {
    gateway = await startTestGateway({ env: { REQUEST_MAX_ANSWER_ITEMS: '3' } });
    const { body } = await gateway.gql(SITES_AND_AGENTS, await gateway.token());
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'ANSWER_ITEMS',
    });
  });
});
