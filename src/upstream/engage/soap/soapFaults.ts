import { UpstreamError } from '../../../errors/UpstreamError.js';

/** The WFMError detail codes the WFM SOAP services answer in Fault details (TEAM-NOTES). */
export const WFM_FAULT_CODES = [
  'INSUFFICIENT_PRIVILEGES',
  'INVALID_SESSION',
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'NOT_SUPPORTED',
  'SERVER_ERROR',
] as const;

export type WfmFaultCode = (typeof WFM_FAULT_CODES)[number];

/**
 * The sanitized `cause` of an UpstreamError made from a SOAP Fault: the detail code only. The
 * node-soap error itself is dropped, because its message quotes the faultstring and detail.
 */
export class WfmFault extends Error {
  /** A {@link WfmFaultCode}, or `UNKNOWN` for a Fault without a recognised detail code. */
  readonly code: WfmFaultCode | 'UNKNOWN';

  constructor(code: WfmFaultCode | 'UNKNOWN') {
    super(`WFM SOAP fault ${code}`);
    this.name = 'WfmFault';
    this.code = code;
  }
}

/**
 * Turns whatever a node-soap call rejected with into an UpstreamError (service `wfm-soap`):
 *
 * | rejection | kind |
 * |---|---|
 * | UpstreamError from the HTTP client (status, transport, timeout, size cap, not XML) | unchanged |
 * | Fault, detail `INSUFFICIENT_PRIVILEGES` | FORBIDDEN, reason INSUFFICIENT_PRIVILEGES |
 * | Fault, detail `NOT_FOUND` | NOT_FOUND |
 * | Fault, detail `INVALID_ARGUMENT` | BAD_REQUEST |
 * | any other Fault (`INVALID_SESSION` after the one redo, `NOT_SUPPORTED`, `SERVER_ERROR`, none) | ERROR |
 * | node-soap parse failures (not well-formed XML, no Body) and anything else | ERROR |
 *
 * Messages name the operation and the detail code only: never a faultstring or a body.
 */
export function toUpstreamError(error: unknown, operation: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const status = statusOf(error);
  const fault = faultOf(error);
  const base = { service: 'wfm-soap' as const, operation, status };
  if (fault === undefined) {
    return new UpstreamError('ERROR', `wfm-soap ${operation}: reply could not be parsed`, base);
  }
  return faultError(operation, fault, status);
}

/**
 * The UpstreamError of a SOAP Fault whose WFMError detail code was read (by node-soap, or by the
 * streaming reply reader), mapped as the table of {@link toUpstreamError} says.
 */
export function upstreamErrorForFault(
  operation: string,
  detailCode: string | undefined,
  status?: number,
): UpstreamError {
  const code = detailCode?.trim();
  const known = code !== undefined && (WFM_FAULT_CODES as readonly string[]).includes(code);
  return faultError(operation, new WfmFault(known ? (code as WfmFaultCode) : 'UNKNOWN'), status);
}

function faultError(operation: string, fault: WfmFault, status: number | undefined): UpstreamError {
  const code = fault.code;
  const message = `wfm-soap ${operation}: WFM fault ${code}`;
  const options = { service: 'wfm-soap' as const, operation, status, cause: fault };
  switch (code) {
    case 'INSUFFICIENT_PRIVILEGES':
      return new UpstreamError('FORBIDDEN', message, {
        ...options,
        reason: 'INSUFFICIENT_PRIVILEGES',
      });
    case 'NOT_FOUND':
      return new UpstreamError('NOT_FOUND', message, options);
    case 'INVALID_ARGUMENT':
      return new UpstreamError('BAD_REQUEST', message, options);
    case 'INVALID_SESSION':
    case 'NOT_SUPPORTED':
    case 'SERVER_ERROR':
    case 'UNKNOWN':
      return new UpstreamError('ERROR', message, options);
  }
}

/** Whether `error` (raw or mapped) is the INVALID_SESSION fault that asks for a new session. */
export function isInvalidSession(error: unknown): boolean {
  const cause = error instanceof UpstreamError ? error.cause : undefined;
  return (cause instanceof WfmFault ? cause : faultOf(error))?.code === 'INVALID_SESSION';
}

/**
 * The Fault of a node-soap rejection: node-soap throws an Error whose `root` is the parsed
 * envelope, `root.Envelope.Body.Fault.detail.WFMError.code`. Undefined when it is no Fault.
 */
function faultOf(error: unknown): WfmFault | undefined {
  const envelope = field(field(error, 'root'), 'Envelope');
  const soapFault = field(field(envelope, 'Body'), 'Fault');
  if (soapFault === undefined) return undefined;
  const code = field(field(field(soapFault, 'detail'), 'WFMError'), 'code');
  const known =
    typeof code === 'string' && (WFM_FAULT_CODES as readonly string[]).includes(code.trim());
  return new WfmFault(known ? (code.trim() as WfmFaultCode) : 'UNKNOWN');
}

/** HTTP status of the reply node-soap rejected, when it had one. */
function statusOf(error: unknown): number | undefined {
  const status = field(field(error, 'response'), 'status');
  return typeof status === 'number' ? status : undefined;
}

/** An own property of an object, never one reached through its prototype. */
function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}
