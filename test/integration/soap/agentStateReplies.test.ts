/**
 * GetAgentState has one parse path, the incremental reader, for every reply. Checked against real
 * simulator replies with node-soap as the oracle: the reply bytes the gateway received, parsed by
 * node-soap over the same bundled WSDL and mapped to records here, give exactly the same records.
 */
import { fileURLToPath } from 'node:url';
import { createClientAsync, type Client } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WfmAgentStateRecord } from '../../../src/types/WfmSoapApi.js';
import type { HttpInterceptor } from '../../../src/upstream/http/types.js';
import { stateTypeOf } from '../../../src/upstream/engage/soap/stateTypes.js';
import { oleDay, startSoapApi, type SoapApiHarness } from './soapApiHarness.js';

/** Bodies of the GetAgentState replies the gateway received, in order. */
const replies: Buffer[] = [];
const capture: HttpInterceptor = (next) => async (request) => {
  const response = await next(request);
  if (request.operation === 'GetAgentState') replies.push(response.body);
  return response;
};

let h: SoapApiHarness;
beforeAll(async () => {
  h = await startSoapApi({ simulator: { agents: 300 }, api: { interceptors: [capture] } });
});
afterAll(async () => h?.close());

describe('GetAgentState: one reader for every reply', () => {
  it('gives exactly what node-soap gives for the same reply, small and large', async () => {
    const oracle = await nodeSoapOracle();
    const ctx = await h.ctx('sam.supervisor');
    const site = { siteId: 1, startOle: oleDay(2026, 3, 2), endOle: oleDay(2026, 3, 16) };
    const agentIds = h.sim.world.agents.filter((a) => a.siteId === 1).map((a) => a.id);
    const sizes: number[] = [];
    for (const query of [site, { ...site, agentIds: agentIds.slice(0, 1) }]) {
      replies.length = 0;
      const records = await h.api.getAgentStates(ctx, query);
      const [body] = replies;
      expect(body).toBeDefined();
      sizes.push((body as Buffer).length);
      expect(records.length).toBeGreaterThan(0);
      expect(records).toEqual(oracle(body as Buffer));
    }
    // The two replies straddle the size at which the gateway used to switch parsers (32 KiB).
    expect(sizes[0]).toBeGreaterThan(32 * 1024);
    expect(sizes[1]).toBeLessThan(32 * 1024);
  });

  it('reads an agent’s own schedule and maps the privilege fault (HTTP 500) for others', async () => {
    const ctx = await h.ctx('alex.agent');
    const alex = h.sim.world.users.find((u) => u.userName === 'alex.agent');
    const agentId = alex?.wfm?.type === 'AGENT' ? alex.wfm.agentId : -1;
    const query = { siteId: 1, startOle: oleDay(2026, 3, 2), endOle: oleDay(2026, 3, 9) };
    const own = await h.api.getAgentStates(ctx, { ...query, agentIds: [agentId] });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.agentId === agentId)).toBe(true);
    await expect(h.api.getAgentStates(ctx, query)).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'INSUFFICIENT_PRIVILEGES',
      status: 500,
    });
  });
});

/**
 * node-soap's reading of a reply body as records: its parse through the bundled WSDL, then the
 * mapping the gateway applied to node-soap's object before it had one parse path.
 */
async function nodeSoapOracle(): Promise<(body: Buffer) => WfmAgentStateRecord[]> {
  const wsdl = fileURLToPath(
    new URL('../../../src/upstream/engage/soap/wsdl/WFMScheduleService852.wsdl', import.meta.url),
  );
  const served = { text: '' };
  const client: Client = await createClientAsync(wsdl, {
    httpClient: {
      request: (_u: string, _d: string, cb: (e: unknown, r?: unknown, b?: string) => void) => {
        cb(null, { status: 200, headers: {} }, served.text);
        return Promise.resolve();
      },
    } as never,
  });
  return (body) => {
    served.text = body.toString('utf8');
    let result: Record<string, unknown> | undefined;
    (client as unknown as Record<string, (...args: unknown[]) => void>)['GetAgentState']?.call(
      client,
      { siteId: 1, startDateTime: 1, endDateTime: 2 },
      (error: unknown, value: Record<string, unknown>) => {
        if (error) throw error;
        result = value;
      },
    );
    const holder = (result?.['GetAgentStateResult'] ?? {}) as Record<string, unknown>;
    const list = (name: string) => {
      const v = holder[name];
      return (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Record<string, string>[];
    };
    const names = new Map<string, string>();
    for (const info of list('schStateInfo'))
      names.set(`${info['wmStateType']}:${info['wmStateId']}`, String(info['wmName']));
    const records: WfmAgentStateRecord[] = [];
    for (const s of list('schAgentState')) {
      const type = stateTypeOf(Number(s['wmStateType']));
      if (type === undefined) continue;
      records.push({
        agentId: Number(s['gswAgentId']),
        type,
        name: names.get(`${s['wmStateType']}:${s['wmStateId']}`) ?? '',
        startOle: Number(s['wmStartDateTime']),
        endOle: Number(s['wmEndDateTime']),
        fullDay: String(s['wmFullDay']) === 'true',
        paid: String(s['wmPaid']) === 'true',
      });
    }
    return records;
  };
}
