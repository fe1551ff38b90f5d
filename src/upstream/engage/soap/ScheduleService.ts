import type { CallContext } from '../../../types/CallContext.js';
import { ids } from './idArgs.js';
import { RawSoapReply, type SoapPort } from './SoapPort.js';
import { readAgentStateReply } from './agentStateReply.js';
import type { WfmSession } from './WfmSession.js';
import type { AgentStateQuery, WfmAgentStateRecord } from '../../../types/WfmSoapApi.js';

/**
 * WFMScheduleService852 for the gateway: `GetAgentState` on the committed (Master) schedule, on
 * the caller's session and with the caller's token. node-soap writes the request; every reply,
 * of any size and Faults included, is read by one parser, the incremental reader
 * (`agentStateReply.ts`): node-soap parses at 115–300 µs per KB in one synchronous block, the
 * reader at 15–19 µs per KB yielding every 128 Ki characters (bench/RESULTS.md, P5). Rejects with
 * UpstreamError.
 */
export class ScheduleService {
  readonly #port: SoapPort;
  readonly #session: WfmSession;

  constructor(port: SoapPort, session: WfmSession) {
    this.#port = port;
    this.#session = session;
  }

  /**
   * Schedule states of the site's agents overlapping [startOle, endOle) (OLE dates in the site's
   * local time, passed through untouched), each joined with its state-info name. States of a type
   * number this gateway does not know (a newer WFM) are left out; a state without a state-info
   * entry gets the name ''.
   */
  async getAgentStates(ctx: CallContext, query: AgentStateQuery): Promise<WfmAgentStateRecord[]> {
    if (
      !Number.isFinite(query.startOle) ||
      !Number.isFinite(query.endOle) ||
      !(query.endOle > query.startOle)
    ) {
      throw new RangeError(
        'getAgentStates: startOle and endOle must be finite with endOle > startOle',
      );
    }
    const teamIds = ids('teamId', query.teamIds);
    const agentIds = ids('agentId', query.agentIds);
    // Keys in schema order: node-soap writes them as given.
    const args = {
      source: 'SCH_SOURCE_COMMITTED',
      scenarioId: 0,
      siteId: query.siteId,
      startDateTime: query.startOle,
      endDateTime: query.endOle,
      ...(teamIds ? { teamId: teamIds } : {}),
      ...(agentIds ? { agentId: agentIds } : {}),
    };
    // Parsed inside the session run, so an INVALID_SESSION Fault in the reply renews the session
    // and repeats the call once.
    return this.#session.run(ctx, async (endpoints) => {
      const reply = await this.#port.call({
        operation: 'GetAgentState',
        url: endpoints.scheduleUrl,
        args,
        ctx,
        idempotent: true,
        rawReply: true,
      });
      if (!(reply instanceof RawSoapReply))
        throw new TypeError('ScheduleService: the port parsed a reply it was asked to hand over');
      return readAgentStateReply(reply.body, { signal: ctx.signal, status: reply.status });
    });
  }
}
