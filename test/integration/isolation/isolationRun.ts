/**
 * The R3/R4 run (RELIABILITY.md): many callers with distinct users query the gateway at once over
 * a pool of query shapes; every answer is checked against what the simulator's world says about
 * ITS caller, and every simulator log entry against the caller whose gateway request caused it
 * (tied by the `x-request-id` the gateway forwards).
 */
import { createHash } from 'node:crypto';
import type { SimUser } from '@genesys-gateway/simulator';
import type { TestGateway } from '../../helpers/testGateway.js';

const DAY = 'from: "2026-03-09T00:00:00-05:00", to: "2026-03-10T00:00:00-05:00"';

/** The query shapes callers pick from; each names its caller so the answer can be attributed. */
export const SHAPES = [
  '{ me { user { username } wfmUser { id } } }',
  '{ me { user { username } openId { userName } } }',
  '{ me { user { username } } sites { id } }',
  `{ me { user { username } mySchedule(${DAY}) { agent { id } } } }`,
  '{ me { user { username } wfmUser { id site { id } } } sites { id name } }',
] as const;

export interface IsolationFigures {
  responses: number;
  /** Answers (or fields) that belong to someone else. */
  mismatches: number;
  /** Answers with an error their caller should not get. */
  unexpectedErrors: number;
  /** (hits + coalesced) ÷ (hits + misses + coalesced) of the response cache. */
  hitRatio: number;
  /** R4: simulator log entries checked, and those without a token or with someone else's. */
  upstreamCalls: number;
  missingTokens: number;
  wrongTokens: number;
}

/** The 50 callers: agent001…agent046 and the four named demo users. */
export function isolationUsers(): string[] {
  const agents = Array.from({ length: 46 }, (_, i) => `agent${String(i + 1).padStart(3, '0')}`);
  return [...agents, 'sam.supervisor', 'pat.supervisor', 'alex.agent', 'nina.noprov'];
}

/**
 * Runs `perUser` operations for every user, `concurrency` at a time, and checks them.
 * The simulator log is cleared first; read it for nothing else while this runs.
 */
export async function runIsolation(
  h: TestGateway,
  options: { users: readonly string[]; perUser: number; concurrency: number },
): Promise<IsolationFigures> {
  const tokens = new Map<string, string>();
  await Promise.all(options.users.map(async (u) => tokens.set(u, await h.token(u))));
  h.sim.log.clear();
  const before = cacheEvents(h);

  // Every (user, shape) pair, shuffled deterministically, so callers interleave.
  const jobs: { user: string; shape: string; id: string }[] = [];
  for (let n = 0; n < options.perUser; n++)
    for (const user of options.users)
      jobs.push({ user, shape: SHAPES[(n + user.length) % SHAPES.length] as string, id: '' });
  shuffle(jobs);
  jobs.forEach((job, index) => (job.id = `iso-${index}`));
  const userOfRequest = new Map(jobs.map((j) => [j.id, j.user]));

  const figures: IsolationFigures = {
    responses: 0,
    mismatches: 0,
    unexpectedErrors: 0,
    hitRatio: 0,
    upstreamCalls: 0,
    missingTokens: 0,
    wrongTokens: 0,
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as (typeof jobs)[number];
      const answer = await h.gql(job.shape, tokens.get(job.user) ?? null, undefined, {
        'x-request-id': job.id,
      });
      figures.responses += 1;
      const verdict = check(h, job.user, answer.body);
      if (verdict === 'mismatch') figures.mismatches += 1;
      if (verdict === 'error') figures.unexpectedErrors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  const after = cacheEvents(h);
  const hits = after.hits - before.hits + after.coalesced - before.coalesced;
  const all = hits + after.misses - before.misses;
  figures.hitRatio = all === 0 ? 0 : hits / all;

  // R4: every upstream request carries the token of the caller whose request caused it.
  const hashOf = new Map([...tokens].map(([u, t]) => [u, simHash(t)]));
  for (const entry of h.sim.log.entries()) {
    if (entry.service === 'admin' || entry.operation === 'oauth/token') continue;
    figures.upstreamCalls += 1;
    const caller = entry.requestId === undefined ? undefined : userOfRequest.get(entry.requestId);
    if (entry.tokenHash === null || entry.identity === null || caller === undefined)
      figures.missingTokens += 1;
    else if (entry.identity !== caller || entry.tokenHash !== hashOf.get(caller))
      figures.wrongTokens += 1;
  }
  return figures;
}

/** What the world says the answer of `user` must hold; 'ok', 'mismatch' or 'error'. */
function check(
  h: TestGateway,
  user: string,
  body: { data?: unknown; errors?: readonly unknown[] },
) {
  const me = h.sim.world.users.find((u) => u.userName === user) as SimUser;
  const data = (body.data ?? {}) as {
    me?: {
      user?: { username: string };
      wfmUser?: { id: string; site?: { id: string } | null } | null;
      openId?: { userName: string | null } | null;
      mySchedule?: { agent: { id: string } } | null;
    };
    sites?: { id: string }[] | null;
  };
  const wrong =
    (data.me?.user !== undefined && data.me.user.username.split('@')[0] !== user) ||
    (data.me?.wfmUser != null && data.me.wfmUser.id !== String(me.dbid)) ||
    (data.me?.wfmUser?.site != null && !visibleSites(h, me).includes(data.me.wfmUser.site.id)) ||
    (data.me?.openId != null && data.me.openId.userName !== user) ||
    (data.me?.mySchedule != null && data.me.mySchedule.agent.id !== String(me.dbid)) ||
    (data.sites != null &&
      [...data.sites.map((s) => s.id)].sort().join() !== visibleSites(h, me).join());
  if (wrong) return 'mismatch';
  // Only the user WFM does not know may see errors (FORBIDDEN / WFM_NOT_PROVISIONED).
  if ((body.errors?.length ?? 0) > 0 && me.wfm !== null) return 'error';
  return 'ok';
}

function visibleSites(h: TestGateway, user: SimUser): string[] {
  if (user.wfm === null) return [];
  if (user.wfm.type === 'SUPERVISOR') return user.wfm.siteIds.map(String).sort();
  const agentId = user.wfm.agentId;
  const agent = h.sim.world.agents.find((a) => a.id === agentId);
  return agent ? [String(agent.siteId)] : [];
}

function cacheEvents(h: TestGateway): { hits: number; misses: number; coalesced: number } {
  const total = { hits: 0, misses: 0, coalesced: 0 };
  for (const kind of h.counters.snapshot().cache) {
    total.hits += kind.hits;
    total.misses += kind.misses;
    total.coalesced += kind.coalesced;
  }
  return total;
}

/** The simulator's token hash (sha256, 16 hex digits), as its request log records it. */
function simHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** Fisher–Yates with a fixed seed: the same interleaving on every run. */
function shuffle<T>(items: T[]): void {
  let seed = 42;
  for (let i = items.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
