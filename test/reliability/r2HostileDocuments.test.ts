/**
 * R2 — hostile documents against the production profile: deep, wide, alias floods, long
 * documents, directive floods, expensive lists, fragment bombs and cycles, batches, huge bodies,
 * malformed JSON, CSRF-able content types, parse errors, GET variants and misspellings. Every
 * over-limit request is refused, none reaches Genesys (simulator request log), none gets a 5xx,
 * and no answer carries a suggestion or a limit's number.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { histogram, pooled, reliabilityOptions, SOAK } from './support.js';
import { hostileCases, type HostileCase } from './hostileDocuments.js';

const PER_CATEGORY = SOAK ? 1_500 : 150;

interface Outcome {
  hostile: HostileCase;
  status: number;
  text: string;
}

describe('R2 hostile documents (production profile)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(reliabilityOptions('production'));
  });
  afterAll(async () => gateway?.close());

  it(
    'refuses every over-limit document before any upstream call, without 5xx or leaks',
    async () => {
      const token = await gateway.token();
      // Warm-up: the token check is made (and remembered) once, outside the counted run.
      expect((await gateway.gql('{ me { user { username } } }', token)).status).toBe(200);
      gateway.sim.log.clear();

      const cases = hostileCases(PER_CATEGORY, `Bearer ${token}`);
      // Every fifth over-limit document comes with a random (never checked) token: the front door
      // must refuse it before authentication, so it costs no token check either.
      cases.forEach((c, i) => {
        if (c.overLimit && c.category !== 'hugeBody' && i % 5 === 0)
          c.headers = {
            ...c.headers,
            authorization: `Bearer rnd_${randomBytes(12).toString('hex')}`,
          };
      });
      const started = performance.now();
      const outcomes = await pooled(
        cases.map((hostile) => async (): Promise<Outcome> => {
          const res = await gateway.send({
            method: hostile.method,
            path: hostile.search ? `/graphql?${hostile.search}` : '/graphql',
            headers: hostile.headers,
            body: hostile.body,
          });
          return { hostile, status: res.status, text: res.text };
        }),
        16,
      );
      const seconds = (performance.now() - started) / 1000;
      const upstreamCalls = gateway.sim.log.count();

      const wrongStatus = outcomes.filter((o) => o.status !== o.hostile.status);
      const wrongLimit = outcomes.filter(
        (o) => o.hostile.limits && !o.hostile.limits.includes(limitOf(o.text) ?? ''),
      );
      const overLimit = outcomes.filter((o) => o.hostile.overLimit);
      const rejected = overLimit.filter((o) => o.status === 400 || o.status === 413);
      const serverErrors = outcomes.filter((o) => o.status >= 500);
      const suggestions = outcomes.filter((o) => /did you mean/i.test(o.text));
      const numbersInLimitMessages = outcomes
        .filter((o) => o.status === 413 || limitOf(o.text) !== undefined)
        .filter((o) => /\d/.test(messagesOf(o.text)));
      const categories = new Set(cases.map((c) => c.category));
      const rejectionMetrics = (await gateway.metrics())
        .split('\n')
        .filter((l) => l.startsWith('gateway_requests_rejected_total{'));

      console.log(
        `R2 hostile documents: ${outcomes.length} tried in ${categories.size} categories (${seconds.toFixed(1)} s); ` +
          `over-limit rejected ${rejected.length}/${overLimit.length} (${((100 * rejected.length) / overLimit.length).toFixed(1)}%); ` +
          `upstream calls ${upstreamCalls}; 5xx ${serverErrors.length}; suggestions ${suggestions.length}; ` +
          `limit numbers leaked ${numbersInLimitMessages.length}; statuses ${histogram(outcomes.map((o) => o.status))}`,
      );
      console.log(
        `R2 rejections by reason (/metrics): ${rejectionMetrics.map((l) => l.replace(/^gateway_requests_rejected_total\{reason="([^"]+)"\} /, '$1=')).join(' ')}`,
      );

      expect(outcomes.length).toBeGreaterThanOrEqual(2_000);
      expect(
        wrongStatus.map((o) => `${o.hostile.category}: ${o.status} ${o.text.slice(0, 160)}`),
      ).toEqual([]);
      expect(wrongLimit.map((o) => `${o.hostile.category}: ${o.text.slice(0, 160)}`)).toEqual([]);
      expect(rejected.length).toBe(overLimit.length);
      expect(upstreamCalls).toBe(0);
      expect(serverErrors).toEqual([]);
      expect(suggestions.map((o) => o.text.slice(0, 200))).toEqual([]);
      expect(numbersInLimitMessages.map((o) => o.text.slice(0, 200))).toEqual([]);
    },
    SOAK ? 600_000 : 60_000,
  );
});

function parse(
  text: string,
): { errors?: Array<{ message?: string; extensions?: Record<string, unknown> }> } | undefined {
  try {
    return JSON.parse(text) as ReturnType<typeof parse>;
  } catch {
    return undefined;
  }
}

function limitOf(text: string): string | undefined {
  const limit = parse(text)?.errors?.[0]?.extensions?.['limit'];
  return typeof limit === 'string' ? limit : undefined;
}

function messagesOf(text: string): string {
  return (parse(text)?.errors ?? []).map((e) => e.message ?? '').join(' | ');
}
