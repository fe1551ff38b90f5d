/**
 * R11 — a canary token `tok_CANARY_<random>` as the Bearer of R2-style hostile traffic and of
 * requests meeting upstream faults (500, reset, HTML, malformed, 429, timeout), plus a real token
 * that a buggy client class writes into an error message. Then every captured log line, response
 * body and header, the /metrics text, every cache key and (tracing on) every span must hold
 * neither token.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/logging/redact.js';
import {
  spanText,
  startInMemoryTracing,
  TRACING_ENV,
  type InMemoryTracing,
} from '../helpers/inMemoryTracing.js';
import { startTestGateway, type GqlResponse, type TestGateway } from '../helpers/testGateway.js';
import { pooled, reliabilityOptions } from './support.js';
import { hostileCases } from './hostileDocuments.js';

const CANARY = `tok_CANARY_${randomBytes(12).toString('hex')}`;

describe('R11 canary token', () => {
  let gateway: TestGateway;
  let tracing: InMemoryTracing;
  const cacheKeys: string[] = [];
  beforeAll(async () => {
    // Tracing on (spans kept in memory), so every span the traffic below makes is searched too.
    tracing = await startInMemoryTracing();
    gateway = await startTestGateway(
      reliabilityOptions('production', {
        env: {
          ...TRACING_ENV,
          UPSTREAM_TIMEOUT_MS: '400',
          TOKEN_CHECK_TTL_MS: '0',
          // Retries stay on as in production, but the auth faults of step 2 must not open the
          // Authentication API's breaker (R7): an open breaker would refuse step 4's live token
          // check before the request reaches the buggy client class whose message must be redacted.
          UPSTREAM_BREAKER_MIN_CALLS: '100000',
        },
        clients: {
          auth: (auth) => ({
            userInfo: (ctx) => auth.userInfo(ctx),
            ping: (ctx) => auth.ping(ctx),
            signOut: (ctx, global) => auth.signOut(ctx, global),
            changePassword: (ctx, input) => auth.changePassword(ctx, input),
            exchangeCode: (input) => auth.exchangeCode(input),
            // A client-class bug that puts the caller's token into an error message.
            openIdUserInfo: async (ctx) => {
              throw new Error(`openid failed for Bearer ${ctx.token} (token=${ctx.token})`);
            },
          }),
        },
      }),
    );
    const cache = gateway.responseCache;
    if (!cache) throw new Error('the gateway was built without its response cache');
    const fetchOriginal = cache.fetch.bind(cache);
    cache.fetch = (kind, tokenHash, key, load, options) => {
      cacheKeys.push(`${kind}|${tokenHash}|${key}`);
      return fetchOriginal(kind, tokenHash, key, load, options);
    };
  });
  afterAll(async () => {
    await gateway?.close();
    await tracing?.close();
  });

  it('never writes the token into logs, error bodies, headers, metrics or cache keys', async () => {
    const live = await gateway.token();
    const answers: GqlResponse[] = [];
    const canaryAuth = `Bearer ${CANARY}`;

    // 1. R2-style hostile traffic with the canary.
    const hostile = hostileCases(12, canaryAuth);
    answers.push(
      ...(await pooled(
        hostile.map(
          (c) => () =>
            gateway.send({
              method: c.method,
              path: c.search ? `/graphql?${c.search}` : '/graphql',
              headers: c.headers,
              body: c.body,
            }),
        ),
        8,
      )),
    );

    // 2. Well-formed requests with the canary while the Authentication API misbehaves.
    const faults = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
      { kind: 'html' },
      { kind: 'malformed' },
      { kind: 'rateLimit', retryAfterSec: 7 },
      { kind: 'latency', ms: 700 },
      { kind: 'truncated' },
    ] as const;
    for (const fault of faults) {
      const id = gateway.sim.faults.add({ service: 'auth', ...fault });
      for (const query of [
        '{ me { user { username } } }',
        '{ sites { id } }',
        'mutation { signOut { success } }',
      ])
        answers.push(await gateway.gql(query, CANARY));
      gateway.sim.faults.remove(id);
    }
    // 3. The canary refused as such (401), in headers of every shape.
    for (const authorization of [
      canaryAuth,
      `bearer ${CANARY}`,
      `Bearer  ${CANARY} `,
      `Basic ${CANARY}`,
      CANARY,
    ])
      answers.push(
        await gateway.send({
          headers: { 'content-type': 'application/json', authorization },
          body: '{"query":"{ me { user { username } } }"}',
        }),
      );

    // 4. A live token through the whole stack (caches, SOAP), and into a buggy error message.
    answers.push(
      await gateway.gql(
        '{ me { user { username } openId { subject } wfmUser { id } } sites { id teams { id } } }',
        live,
      ),
    );

    const metrics = await gateway.metrics();
    const spans = tracing.spans().map(spanText);
    const texts = [
      ...spans,
      ...gateway.logLines,
      ...answers.map((a) => a.text),
      ...answers.map((a) => JSON.stringify(a.headers)),
      metrics,
      ...cacheKeys,
    ];
    const occurrences = (needle: string) =>
      texts.reduce((n, t) => n + t.split(needle).length - 1, 0);
    const canaryHits = occurrences(CANARY);
    const liveHits = occurrences(live);
    const redactions = gateway.logLines.filter((l) => l.includes(REDACTED)).length;
    console.log(
      `R11 canary: ${answers.length} requests (hostile ${hostile.length}, under ${faults.length} auth faults ${faults.length * 3}); ` +
        `searched ${gateway.logLines.length} log lines, ${spans.length} spans, ${answers.length} bodies and header sets, ${metrics.length} bytes of /metrics, ${cacheKeys.length} cache keys; ` +
        `occurrences: canary ${canaryHits}, live token ${liveHits}; log lines with redactions ${redactions}; credentials still tracked ${gateway.secrets.size}`,
    );

    expect(answers.every((a) => a.status < 500 || [502, 503, 504].includes(a.status))).toBe(true);
    expect(canaryHits).toBe(0);
    expect(liveHits).toBe(0);
    // The buggy message really was logged — redacted — so the check above had something to find.
    expect(redactions).toBeGreaterThan(0);
    expect(cacheKeys.length).toBeGreaterThan(0);
    // Spans were recorded, upstream attempts among them, so the search above covered them.
    expect(spans.length).toBeGreaterThan(answers.length);
    expect(spans.some((t) => t.includes('"gateway.upstream.attempt"'))).toBe(true);
    expect(gateway.secrets.size).toBe(0);
  }, 30_000);
});
