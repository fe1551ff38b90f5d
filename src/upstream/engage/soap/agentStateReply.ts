import { UpstreamError } from '../../../errors/UpstreamError.js';
import { ReplyShapeError, readReply } from './replyShape.js';
import { upstreamErrorForFault } from './soapFaults.js';
import { stateTypeOf } from './stateTypes.js';
import type { WfmAgentStateRecord } from '../../../types/WfmSoapApi.js';
import type { XmlHandler } from './xml/XmlTokenizer.js';
import { XmlTokenizer } from './xml/XmlTokenizer.js';
import { XmlSyntaxError } from './xml/XmlSyntaxError.js';
import { detachedText } from './xml/xmlText.js';

/** Options of {@link readAgentStateReply}. */
export interface AgentStateReplyOptions {
  /** Characters parsed between two yields to the event loop. Default 128 Ki (≈ 1–2 ms of work). */
  sliceChars?: number;
  /** Stops parsing (with an UpstreamError) once aborted: nobody waits for the answer any more. */
  signal?: AbortSignal;
  /** HTTP status of the reply, for errors. */
  status?: number;
}

const OPERATION = 'GetAgentState';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const WFM = 'urn:WFMScheduleService852';

/**
 * Reads every WFMScheduleService852 `GetAgentState` reply (a flat `SchAgentStateHolder`, see
 * wsdl/WFMScheduleService852.wsdl, or a SOAP Fault) without node-soap: a streaming tokenizer over
 * the body that yields to the event loop every `sliceChars`, so a reply of many megabytes never
 * blocks it for long. States of unknown type numbers are left out; names are joined from
 * `schStateInfo`.
 *
 * Refuses DOCTYPE/entities, XML that is not well-formed and wrong shapes, and turns a SOAP 1.1 or
 * 1.2 Fault (with any HTTP status) into the UpstreamError node-soap's path gives every other
 * operation (decided on the WFMError detail code only, `soapFaults.ts`). Unknown elements are
 * skipped with everything inside them. Rejects with UpstreamError only.
 */
export async function readAgentStateReply(
  body: Buffer | string,
  options: AgentStateReplyOptions = {},
): Promise<WfmAgentStateRecord[]> {
  const sliceChars = options.sliceChars ?? 128 * 1024;
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const holder = new AgentStateHolderReader();
  const tokenizer = new XmlTokenizer(text, holder);
  try {
    for (;;) {
      tokenizer.run(sliceChars);
      if (tokenizer.done) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw abandoned(options.signal);
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (error instanceof XmlSyntaxError) {
      throw new UpstreamError('ERROR', `wfm-soap ${OPERATION}: reply could not be parsed`, {
        service: 'wfm-soap',
        operation: OPERATION,
        status: options.status,
        cause: error,
      });
    }
    return readReply(OPERATION, () => {
      throw error;
    });
  }
  if (holder.faultSeen) throw upstreamErrorForFault(OPERATION, holder.faultCode, options.status);
  return readReply(OPERATION, () => holder.records());
}

/** Where an element sits in the expected shape. */
const Role = {
  Skip: 0,
  Envelope: 1,
  Body: 2,
  Response: 3,
  Holder: 4,
  Info: 5,
  State: 6,
  Field: 7,
  Fault: 8,
  Detail: 9,
  WfmError: 10,
  Code: 11,
} as const;
type Role = (typeof Role)[keyof typeof Role];

/** Fields of `SchAgentState` and `SchStateInfo`, by local name. */
const FIELDS = [
  'gswAgentId',
  'wmStateType',
  'wmStateId',
  'wmStartDateTime',
  'wmEndDateTime',
  'wmFullDay',
  'wmPaid',
  'wmName',
] as const;
type Field = (typeof FIELDS)[number];
const FIELD_INDEX = new Map<string, number>(FIELDS.map((name, index) => [name, index]));
const STATE_FIELDS = 7; // the first seven
const INFO_FIELDS = [1, 2, 7]; // wmStateType, wmStateId, wmName

interface RawState {
  agentId: number;
  typeNumber: number;
  stateId: number;
  startOle: number;
  endOle: number;
  fullDay: boolean;
  paid: boolean;
}

/**
 * The handler: a role stack, the fields of the record being read, and what was collected. Any
 * source of {@link XmlHandler} events can drive it; bench/p5SoapParse.ts drives it from saxes and
 * sax to compare them with {@link XmlTokenizer} on the same work.
 */
export class AgentStateHolderReader implements XmlHandler {
  wantsText = false;
  faultSeen = false;
  faultCode: string | undefined;
  readonly #roles: Role[] = [];
  readonly #states: RawState[] = [];
  readonly #names = new Map<string, string>();
  #responseSeen = false;
  /** Raw text of the fields of the current record, by FIELDS index. */
  #values: (string | undefined)[] = new Array<string | undefined>(FIELDS.length);
  #field = -1;
  #text = '';

  open(ns: string, local: string): void {
    const parent = this.#roles[this.#roles.length - 1];
    const role = this.#roleOf(parent, ns, local);
    this.#roles.push(role);
    if (role === Role.Info || role === Role.State) this.#values.fill(undefined);
    if (role === Role.Field || role === Role.Code) {
      this.#field = role === Role.Field ? (FIELD_INDEX.get(local) as number) : -1;
      this.#text = '';
      this.wantsText = true;
    }
  }

  text(value: string): void {
    this.#text += value;
  }

  close(): void {
    const role = this.#roles.pop();
    this.wantsText = false;
    if (role === Role.Field) {
      if (this.#values[this.#field] !== undefined)
        throw new ReplyShapeError(FIELDS[this.#field] as Field);
      this.#values[this.#field] = this.#text;
    } else if (role === Role.Code) {
      this.faultCode = this.#text;
    } else if (role === Role.State) {
      this.#states.push(this.#state());
    } else if (role === Role.Info) {
      const [type, id, name] = INFO_FIELDS.map((index) => this.#value(index));
      // The name outlives the reply (it is cached): a copy, not a view into the envelope.
      this.#names.set(
        `${int(type, 'wmStateType')}:${int(id, 'wmStateId')}`,
        detachedText(name as string),
      );
    }
  }

  records(): WfmAgentStateRecord[] {
    if (!this.#responseSeen) throw new ReplyShapeError('GetAgentStateResult');
    const records: WfmAgentStateRecord[] = [];
    for (const s of this.#states) {
      const type = stateTypeOf(s.typeNumber);
      if (type === undefined) continue;
      records.push({
        agentId: s.agentId,
        type,
        name: this.#names.get(`${s.typeNumber}:${s.stateId}`) ?? '',
        startOle: s.startOle,
        endOle: s.endOle,
        fullDay: s.fullDay,
        paid: s.paid,
      });
    }
    return records;
  }

  #roleOf(parent: Role | undefined, ns: string, local: string): Role {
    const wfm = ns === WFM || ns === '';
    switch (parent) {
      case undefined:
        if ((ns === SOAP11 || ns === SOAP12) && local === 'Envelope') return Role.Envelope;
        throw new XmlSyntaxError('not a SOAP envelope');
      case Role.Envelope:
        return (ns === SOAP11 || ns === SOAP12) && local === 'Body' ? Role.Body : Role.Skip;
      case Role.Body:
        if ((ns === SOAP11 || ns === SOAP12) && local === 'Fault') {
          this.faultSeen = true;
          return Role.Fault;
        }
        return wfm && local === 'GetAgentStateResponse' ? Role.Response : Role.Skip;
      case Role.Response:
        if (!(wfm && local === 'GetAgentStateResult')) return Role.Skip;
        if (this.#responseSeen) throw new ReplyShapeError('GetAgentStateResult');
        this.#responseSeen = true;
        return Role.Holder;
      case Role.Holder:
        if (wfm && local === 'schAgentState') return Role.State;
        return wfm && local === 'schStateInfo' ? Role.Info : Role.Skip;
      case Role.State:
      case Role.Info: {
        const index = wfm ? FIELD_INDEX.get(local) : undefined;
        if (index === undefined) return Role.Skip;
        const own = parent === Role.State ? index < STATE_FIELDS : INFO_FIELDS.includes(index);
        return own ? Role.Field : Role.Skip;
      }
      case Role.Fault:
        // SOAP 1.1 `detail` is unqualified; SOAP 1.2 `Detail` is in the envelope namespace.
        return local === 'detail' || local === 'Detail' ? Role.Detail : Role.Skip;
      case Role.Detail:
        // Any namespace, as node-soap (which reads every other operation's Faults) matches it by
        // local name: the WSDL puts it in urn:WFMError, but a Fault is classified, never trusted.
        return local === 'WFMError' ? Role.WfmError : Role.Skip;
      case Role.WfmError:
        return local === 'code' && this.faultCode === undefined ? Role.Code : Role.Skip;
      case Role.Field:
      case Role.Code:
        // A simple-typed value holds no elements.
        throw new ReplyShapeError(local === '' ? 'value' : 'value with child elements');
      case Role.Skip:
        return Role.Skip;
    }
  }

  #value(index: number): string {
    const value = this.#values[index];
    if (value === undefined) throw new ReplyShapeError(FIELDS[index] as Field);
    return value;
  }

  #state(): RawState {
    return {
      agentId: int(this.#value(0), 'gswAgentId'),
      typeNumber: int(this.#value(1), 'wmStateType'),
      stateId: int(this.#value(2), 'wmStateId'),
      startOle: double(this.#value(3), 'wmStartDateTime'),
      endOle: double(this.#value(4), 'wmEndDateTime'),
      fullDay: bool(this.#value(5), 'wmFullDay'),
      paid: bool(this.#value(6), 'wmPaid'),
    };
  }
}

const INTEGER = /^\s*[+-]?\d+\s*$/;

function int(raw: string | undefined, name: string): number {
  const n = raw !== undefined && INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new ReplyShapeError(name);
  return n;
}

function double(raw: string, name: string): number {
  const trimmed = raw.trim();
  const n = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(n)) throw new ReplyShapeError(name);
  return n;
}

function bool(raw: string, name: string): boolean {
  switch (raw.trim()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      throw new ReplyShapeError(name);
  }
}

function abandoned(signal: AbortSignal): UpstreamError {
  const reason: unknown = signal.reason;
  const deadline = reason instanceof Error && reason.name === 'TimeoutError';
  return new UpstreamError(
    deadline ? 'TIMEOUT' : 'ERROR',
    `wfm-soap ${OPERATION}: ${deadline ? 'gateway request deadline passed' : 'cancelled by the client'} while reading the reply`,
    { service: 'wfm-soap', operation: OPERATION },
  );
}
