import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '@genesys-gateway/simulator';
import type { CallContext } from '../../../src/types/CallContext.js';
import {
  createWfmSoapApi,
  type WfmSoapApiClient,
  type WfmSoapApiOptions,
} from '../../../src/upstream/engage/soap/createWfmSoapApi.js';
import { HttpWfmApi } from '../../../src/upstream/engage/wfm/HttpWfmApi.js';

export interface SoapApiHarness {
  sim: Simulator;
  api: WfmSoapApiClient;
  /** A fresh token of `userName` as a CallContext (tokenHash: sha256 of the token). */
  ctx(userName: string, extra?: Partial<CallContext>): Promise<CallContext>;
  /** SOAP requests in the simulator log, optionally of one operation. */
  soapCalls(operation?: string): ReturnType<Simulator['log']['entries']>;
  close(): Promise<void>;
}

/**
 * The gateway's WfmSoapApi wired as main.ts wires it (userID from WFM REST /system/userinfo,
 * undici Agent), against an in-process simulator on port 0.
 */
export async function startSoapApi(
  options: { simulator?: SimulatorOptions; api?: Partial<WfmSoapApiOptions> } = {},
): Promise<SoapApiHarness> {
  const sim = await startSimulator({
    rateLimitPerMinute: 0,
    today: new Date('2026-03-04T12:00:00Z'),
    ...options.simulator,
  });
  const dispatcher = new Agent({ connections: 64 });
  const wfm = new HttpWfmApi({
    baseUrl: sim.wfmUrl,
    dispatcher,
    timeoutMs: 2_000,
    maxResponseBytes: 1024 * 1024,
  });
  const api = createWfmSoapApi({
    locatorUrl: sim.locatorUrl,
    dispatcher,
    timeoutMs: 2_000,
    appName: 'gateway-test',
    resolveUserId: async (ctx) => (await wfm.userInfo(ctx)).userId,
    ...options.api,
  });
  await api.ready;
  return {
    sim,
    api,
    async ctx(userName, extra = {}) {
      const token = (await sim.passwordToken(userName)).access_token;
      return { token, tokenHash: createHash('sha256').update(token).digest('hex'), ...extra };
    },
    soapCalls: (operation) =>
      sim.log.entries({ service: 'wfm-soap', ...(operation ? { operation } : {}) }),
    async close() {
      await sim.close();
      await dispatcher.close();
    },
  };
}

/** Awaits a call that must reject with an UpstreamError and returns it. */
export async function upstreamFailure(call: Promise<unknown>): Promise<UpstreamError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('expected an UpstreamError');
}

/** OLE date of a local midnight. */
export const oleDay = (y: number, m: number, d: number): number =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
