import type { SimEnv, SimRequest, SimToken } from '../types.js';
import type { XmlObject } from './parseEnvelope.js';
import type { SessionStore, SimSoapSession } from './SessionStore.js';
import { SoapFault } from './SoapFault.js';
import type { SoapServiceName } from './services.js';
import { scopeOf, type WfmScope } from './visibility.js';

/** One authenticated SOAP operation call, as operation handlers receive it. */
export interface SoapCall {
  req: SimRequest;
  env: SimEnv;
  service: SoapServiceName;
  operation: string;
  /** Children of the operation element. */
  args: XmlObject;
  /** The caller's valid Bearer token. */
  token: SimToken;
  sessions: SessionStore;
}

/**
 * An operation handler: returns the inner XML of `<Op>Response` (its `<Op>Result`), or throws a
 * `SoapFault`.
 */
export type SoapOperation = (call: SoapCall) => string;

/**
 * The caller's session named by the `SessionID` query parameter (INVALID_SESSION when missing,
 * unknown, expired or opened by another token) and the caller's WFM scope.
 */
export function requireSession(call: SoapCall): { session: SimSoapSession; scope: WfmScope } {
  const id = call.req.url.searchParams.get('SessionID');
  const session = call.sessions.use(id, call.token.tokenHash, call.env.now());
  if (session === null) throw new SoapFault('INVALID_SESSION', 'No such session for this caller');
  return { session, scope: scopeOf(call.token.user, call.env.world) };
}
