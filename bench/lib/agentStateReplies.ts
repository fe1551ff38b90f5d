/**
 * Real GetAgentState replies of the simulator near 10 KB, 100 KB, 1 MB and 8 MB, for the parse
 * measurement (P5): a site of 2,000 agents, the replies asked for over plain SOAP with a session
 * of sam.supervisor.
 */
import { request } from 'undici';
import { startSimulator } from '@genesys-gateway/simulator';

const TARGETS_KB = [10, 100, 1024, 8192];

/** One reply per target size, smallest first. */
export async function captureAgentStateReplies(): Promise<string[]> {
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
    const scheduleUrl = (
      /<serviceURL>([^<]*WFMScheduleService852[^<]*)<\/serviceURL>/.exec(opened)?.[1] ?? ''
    ).replace(/&amp;/g, '&');
    const agents = sim.world.agents.filter((a) => a.siteId === 1).map((a) => a.id);
    const replies: string[] = [];
    for (const targetKb of TARGETS_KB) {
      // About 10.6 KB per agent-week: pick enough agents (and weeks) for the target size.
      const weeks = targetKb > 2048 ? 4 : 1;
      let count = Math.max(1, Math.round(targetKb / (10.6 * weeks)));
      for (;;) {
        const ids = agents.slice(0, Math.min(count, agents.length));
        const filter = ids.map((id) => `<agentId>${id}</agentId>`).join('');
        const reply = await post(
          scheduleUrl,
          env(
            `<GetAgentState xmlns="urn:WFMScheduleService852"><siteId>1</siteId><startDateTime>46083</startDateTime><endDateTime>${46083 + 7 * weeks}</endDateTime>${filter}</GetAgentState>`,
          ),
        );
        if (Buffer.byteLength(reply) >= targetKb * 1024 * 0.9 || count >= agents.length) {
          replies.push(reply);
          break;
        }
        count = Math.ceil(count * 1.2);
      }
    }
    return replies;
  } finally {
    await sim.close();
  }
}
