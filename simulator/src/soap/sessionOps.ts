import { requiredInt, requiredString } from './args.js';
import { requireSession, type SoapCall } from './SoapCall.js';
import { SoapFault } from './SoapFault.js';
import { serviceUrl, type SoapServiceName } from './services.js';
import { scopeOf } from './visibility.js';
import { el } from './xml.js';

/** The services of every session, by the names `SessionInfo` gives them (genesys-facts §3.3). */
const SESSION_SERVICES: [string, SoapServiceName][] = [
  ['SessionService800', 'WFMSessionService800'],
  ['ConfigService850', 'WFMConfigService850'],
  ['ScheduleService852', 'WFMScheduleService852'],
];

/**
 * `OpenSession(appName, userID) → SessionInfo`: opens a session bound to the caller's token and
 * lists its services with absolute URLs (advertised base URL + `SessionID`).
 */
export function openSession(call: SoapCall): string {
  requiredString(call.args, 'appName');
  const userId = requiredInt(call.args, 'userID');
  const scope = scopeOf(call.token.user, call.env.world);
  if (userId !== scope.user.dbid) {
    throw new SoapFault('INSUFFICIENT_PRIVILEGES', 'userID does not belong to the caller');
  }
  const session = call.sessions.open(call.token.tokenHash, userId, call.env.now());
  const base = call.env.advertisedBaseUrl();
  let services = '';
  for (const [name, service] of SESSION_SERVICES) {
    services += `<services>${el('serviceName', name)}${el('serviceURL', serviceUrl(base, service, session.id))}</services>`;
  }
  call.env.note({ userId, sessions: call.sessions.size });
  return `<OpenSessionResult>${services}${el('servicesNSizeIs', SESSION_SERVICES.length)}</OpenSessionResult>`;
}

/** `OpenSessionLogin` is not supported in the cloud (genesys-facts §3.5). */
export function openSessionLogin(): string {
  throw new SoapFault(
    'NOT_SUPPORTED',
    'OpenSessionLogin is not supported; use OpenSession with a Bearer token',
  );
}

/** `CloseSession()`: ends the session named by the URL's `SessionID`. */
export function closeSession(call: SoapCall): string {
  const { session } = requireSession(call);
  call.sessions.close(session.id);
  return '';
}
