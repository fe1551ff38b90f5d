/**
 * P5 (PERFORMANCE.md): node-soap parse cost of WFM GetAgentState replies. Captures real replies of
 * the simulator (about 10 KB, 100 KB, 1 MB and 8 MB), then parses each repeatedly through the
 * gateway's own node-soap client (bundled WSDL) and prints µs per KB and the longest single parse
 * (event loop blocked). Asserts nothing. Run: `npx tsx bench/soapParse.ts`.
 */
import { performance } from 'node:perf_hooks';
import { createClientAsync } from 'soap';
import { request } from 'undici';
import { startSimulator } from '../src/simulator/createSimulator.js';

const TARGETS_KB = [10, 100, 1024, 8192];

const sim = await startSimulator({
  agents: 2000,
  rateLimitPerMinute: 0,
  today: new Date('2026-03-04T12:00:00Z'),
});
try {
  const token = (await sim.passwordToken('sam.supervisor')).access_token;
  const post = async (url: string, body: string): Promise<string> => {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', authorization: `Bearer ${token}` },
      body,
    });
    return res.body.text();
  };
  const env = (inner: string) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;
  const opened = await post(
    `${sim.url}/?Handler=WFMSessionService800`,
    env(
      '<OpenSession xmlns="urn:WFMSessionService800"><appName>bench</appName><userID>1001</userID></OpenSession>',
    ),
  );
  const scheduleUrl = /<serviceURL>([^<]*WFMScheduleService852[^<]*)<\/serviceURL>/
    .exec(opened)![1]!
    .replace(/&amp;/g, '&');
  const agents = sim.world.agents.filter((a) => a.siteId === 1).map((a) => a.id);

  let holder: { value: unknown } = { value: null };
  const body = { text: '' };
  const client = await createClientAsync(
    new URL('../src/upstream/soap/wsdl/WFMScheduleService852.wsdl', import.meta.url).pathname,
    {
      httpClient: {
        request: (_u: string, _d: string, cb: (e: unknown, r?: unknown, b?: string) => void) => {
          cb(null, { status: 200, headers: {} }, body.text);
          return Promise.resolve();
        },
      } as never,
    },
  );
  const parseOnce = (): number => {
    const t0 = performance.now();
    client.GetAgentState(
      { siteId: 1, startDateTime: 1, endDateTime: 2 },
      (error: unknown, result: unknown) => {
        if (error) throw error;
        holder = { value: result };
      },
    );
    return performance.now() - t0;
  };

  console.log('size_kb  agents  states  us_per_kb  max_parse_ms');
  for (const targetKb of TARGETS_KB) {
    // About 10.6 KB per agent-week: pick enough agents (and weeks) for the target size.
    const weeks = targetKb > 2048 ? 4 : 1;
    let count = Math.max(1, Math.round(targetKb / (10.6 * weeks)));
    let reply = '';
    for (;;) {
      const ids = agents.slice(0, Math.min(count, agents.length));
      const filter = ids.map((id) => `<agentId>${id}</agentId>`).join('');
      reply = await post(
        scheduleUrl,
        env(
          `<GetAgentState xmlns="urn:WFMScheduleService852"><siteId>1</siteId><startDateTime>46083</startDateTime><endDateTime>${46083 + 7 * weeks}</endDateTime>${filter}</GetAgentState>`,
        ),
      );
      if (Buffer.byteLength(reply) >= targetKb * 1024 * 0.9 || count >= agents.length) break;
      count = Math.ceil(count * 1.2);
    }
    body.text = reply;
    const kb = Buffer.byteLength(reply) / 1024;
    const runs = kb > 2048 ? 3 : kb > 500 ? 10 : 50;
    parseOnce(); // warm-up
    let total = 0;
    let worst = 0;
    for (let i = 0; i < runs; i++) {
      const ms = parseOnce();
      total += ms;
      worst = Math.max(worst, ms);
    }
    const states = (reply.match(/<schAgentState>/g) ?? []).length;
    console.log(
      `${kb.toFixed(0).padStart(7)}  ${String(count).padStart(6)}  ${String(states).padStart(6)}  ${(((total / runs) * 1000) / kb).toFixed(1).padStart(9)}  ${worst.toFixed(1).padStart(12)}`,
    );
  }
  void holder;
} finally {
  await sim.close();
}
