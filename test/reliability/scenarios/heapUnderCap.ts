/**
 * R15's child process: run with `node --max-old-space-size=<cap> --import tsx` (the README's
 * recommended heap cap), it starts the simulator and the gateway IN THIS HEAP (so the cap is
 * stricter than for the gateway alone), sends the attack of issue 10 (four aliases of
 * `sites { agents { schedule(62 days) { items } } }`, each a different range) and then the
 * largest request that fits the budgets, sampling the heap while each runs, and prints one JSON
 * line of figures. A crash (heap out of memory) ends the process with a non-zero code.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTestGateway } from '../../helpers/testGateway.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const AGENTS = Number(process.env['R15_AGENTS'] ?? '300');

/**
 * `count` aliases of every site's agents' schedules, alias i over `days` from March 2 + i (the
 * issue's shape: `items { type }` keeps the static cost under the front door's 5,000).
 */
function attack(count: number, days: number): string {
  const aliases = Array.from({ length: count }, (_, i) => {
    const from = new Date(Date.UTC(2026, 2, 2 + i));
    const to = new Date(from.getTime() + days * 86_400_000);
    return `a${i}: sites { agents { schedule(from: "${from.toISOString()}", to: "${to.toISOString()}") { items { type } } } }`;
  });
  return `{ ${aliases.join(' ')} }`;
}

/**
 * The heaviest answer per item the front door lets through: `schedules` of several sites and
 * ranges with every ScheduleItem field (the static cost prices `schedules` lists at 10 each, so
 * only the request budget stops it growing).
 */
function fullItems(siteIds: readonly string[], aliases: number, days: number): string {
  const parts = Array.from({ length: aliases }, (_, i) => {
    const from = new Date(Date.UTC(2026, 2, 2 + i));
    const to = new Date(from.getTime() + days * 86_400_000);
    const site = siteIds[i % siteIds.length]!;
    return `s${i}: schedules(siteId: "${site}", from: "${from.toISOString()}", to: "${to.toISOString()}") { agent { id } from to items { type name start end fullDay paid } }`;
  });
  return `{ ${parts.join(' ')} }`;
}

interface Run {
  status: number;
  /** Schedule items in the answer. */
  items: number;
  /** `extensions.limit` values of the errors, deduplicated. */
  limits: string[];
  errors: number;
  /** Heap used above the baseline, at its highest while the request ran, MB. */
  heapPeakMb: number;
  answerBytes: number;
  upstreamCalls: number;
}

async function main(): Promise<void> {
  const gw = await startTestGateway({
    profile: 'production',
    simulator: { agents: AGENTS },
    env: { REQUEST_TIMEOUT_MS: '120000', UPSTREAM_TIMEOUT_MS: '60000' },
  });
  try {
    const token = await gw.token('sam.supervisor');
    const measure = async (query: string): Promise<Run> => {
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }, 2);
      const before = gw.sim.log.count();
      const answer = await gw.gql(query, token);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const upstreamCalls = gw.sim.log.count() - before;
      const body = answer.body;
      const items = (answer.text.match(/"type":/g) ?? []).length;
      return {
        status: answer.status,
        items,
        errors: body.errors?.length ?? 0,
        limits: [
          ...new Set((body.errors ?? []).map((e) => String(e.extensions['limit'] ?? 'none'))),
        ],
        heapPeakMb: Math.round(((peak - baseline) / 1_048_576) * 10) / 10,
        answerBytes: answer.text.length,
        upstreamCalls,
      };
    };
    // Warm the SOAP session and WSDLs, so the figures are the requests' own.
    const sites = (await gw.gql('{ sites { id } }', token)).body.data?.['sites'] as {
      id: string;
    }[];
    const siteIds = sites.map((site) => site.id);
    const attackRun = await measure(attack(4, 62));
    // Two weeks of every item field: 2 aliases fit the default 25,000 items (≈ 17,000), 3 do
    // not and are refused only after their calls came back (the worst heap a refusal costs).
    const inBudget = await measure(fullItems(siteIds, 2, 14));
    const refusedLate = await measure(fullItems(siteIds, 3, 14));
    gc();
    console.log(
      JSON.stringify({
        agents: AGENTS,
        attack: attackRun,
        inBudget,
        refusedLate,
        heapAfterMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
      }),
    );
  } finally {
    await gw.close();
  }
}

await main();
