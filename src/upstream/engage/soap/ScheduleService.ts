import type { CallContext } from '../../../types/CallContext.js';
import { ids } from './idArgs.js';
import { bool, double, int, list, object, readReply, str } from './replyShape.js';
import { RawSoapReply, type SoapPort } from './SoapPort.js';
import { readAgentStateReply } from './agentStateReply.js';
import { stateTypeOf } from './stateTypes.js';
import type { WfmSession } from './WfmSession.js';
import type { AgentStateQuery, WfmAgentStateRecord } from '../../../types/WfmSoapApi.js';

/**
 * Replies from this size on (bytes) are read incrementally instead of by node-soap: node-soap
 * parses about 100 µs per KB in one synchronous block, so 32 KiB costs it ≈ 3 ms; above that the
 * streaming reader (several times faster, and yielding) wins on both counts.
 */
export const DEFAULT_STREAM_PARSE_MIN_BYTES = 32 * 1024;

/**
 * WFMScheduleService852 for the gateway: `GetAgentState` on the committed (Master) schedule, on
 * the caller's session and with the caller's token. Rejects with UpstreamError.
 */
export class ScheduleService {
  readonly #port: SoapPort;
  readonly #session: WfmSession;
  readonly #streamParseMinBytes: number;

  /**
   * @param streamParseMinBytes replies of at least this many bytes are read by the incremental
   *   reader (`agentStateReply.ts`) instead of node-soap; default {@link DEFAULT_STREAM_PARSE_MIN_BYTES}.
   */
  constructor(
    port: SoapPort,
    session: WfmSession,
    streamParseMinBytes = DEFAULT_STREAM_PARSE_MIN_BYTES,
  ) {
    this.#port = port;
    this.#session = session;
    this.#streamParseMinBytes = streamParseMinBytes;
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
    // Parsed inside the session run, so an INVALID_SESSION Fault in a large reply still renews
    // the session and repeats the call once.
    return this.#session.run(ctx, async (endpoints) => {
      const reply = await this.#port.call({
        operation: 'GetAgentState',
        url: endpoints.scheduleUrl,
        args,
        ctx,
        idempotent: true,
        rawReplyMinBytes: this.#streamParseMinBytes,
      });
      if (reply instanceof RawSoapReply) {
        return readAgentStateReply(reply.body, { signal: ctx.signal, status: reply.status });
      }
      return readReply('GetAgentState', () => toRecords(object(reply, 'GetAgentStateResult')));
    });
  }
}

function toRecords(holder: Record<string, unknown>): WfmAgentStateRecord[] {
  const names = new Map<string, string>();
  for (const info of list(holder, 'schStateInfo')) {
    names.set(`${int(info, 'wmStateType')}:${int(info, 'wmStateId')}`, str(info, 'wmName'));
  }
  const records: WfmAgentStateRecord[] = [];
  for (const state of list(holder, 'schAgentState')) {
    const typeNumber = int(state, 'wmStateType');
    const type = stateTypeOf(typeNumber);
    if (type === undefined) continue;
    const stateId = int(state, 'wmStateId');
    records.push({
      agentId: int(state, 'gswAgentId'),
      type,
      name: names.get(`${typeNumber}:${stateId}`) ?? '',
      startOle: double(state, 'wmStartDateTime'),
      endOle: double(state, 'wmEndDateTime'),
      fullDay: bool(state, 'wmFullDay'),
      paid: bool(state, 'wmPaid'),
    });
  }
  return records;
}
