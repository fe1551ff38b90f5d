import { requiredInt, requiredString } from './args.js';
import type { SoapCall } from './SoapCall.js';
import { SoapFault } from './SoapFault.js';
import { serviceUrl } from './services.js';
import { scopeOf } from './visibility.js';
import { el } from './xml.js';

/**
 * `LocateServer(serviceName, appName, userID) → LoginInfo` (cloud variant, genesys-facts §3.5):
 * the session service URL for the caller, who is identified by the Bearer token; `userID` must
 * be the token's own WFM user.
 */
export function locateServer(call: SoapCall): string {
  const serviceName = requiredString(call.args, 'serviceName');
  requiredString(call.args, 'appName');
  const userId = requiredInt(call.args, 'userID');
  const scope = scopeOf(call.token.user, call.env.world);
  if (userId !== scope.user.dbid) {
    throw new SoapFault('INSUFFICIENT_PRIVILEGES', 'userID does not belong to the caller');
  }
  if (serviceName !== 'SessionService800')
    throw new SoapFault('NOT_FOUND', `No service ${serviceName}`);
  call.env.note({ userId });
  return (
    '<LocateServerResult>' +
    el('sessionServiceURL', serviceUrl(call.env.advertisedBaseUrl(), 'WFMSessionService800')) +
    el('userID', userId) +
    '</LocateServerResult>'
  );
}

/** `LocateServerLogin` is not supported in the cloud (genesys-facts §3.5). */
export function locateServerLogin(): string {
  throw new SoapFault(
    'NOT_SUPPORTED',
    'LocateServerLogin is not supported; use LocateServer with a Bearer token',
  );
}
