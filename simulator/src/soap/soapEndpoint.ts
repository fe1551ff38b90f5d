import { invalidTokenResponse } from '../auth/invalidToken.js';
import type { SimEndpoint, SimEnv, SimRequest, SimResponse } from '../types.js';
import { getAgent, getSite, getTeam } from './configOps.js';
import { locateServer, locateServerLogin } from './locatorOps.js';
import { parseEnvelope, type ParsedRequest } from './parseEnvelope.js';
import { getAgentState } from './scheduleOps.js';
import { hasOperation, soapServiceOf } from './services.js';
import { closeSession, openSession, openSessionLogin } from './sessionOps.js';
import { SessionStore, type SessionStoreOptions } from './SessionStore.js';
import type { SoapOperation } from './SoapCall.js';
import { SoapFault } from './SoapFault.js';
import { wsdlResponse } from './wsdlDocuments.js';
import { responseEnvelope } from './xml.js';

const OPERATIONS: Record<string, SoapOperation> = {
  LocateServer: locateServer,
  LocateServerLogin: locateServerLogin,
  OpenSession: openSession,
  OpenSessionLogin: openSessionLogin,
  CloseSession: closeSession,
  GetSite: getSite,
  GetTeam: getTeam,
  GetAgent: getAgent,
  GetAgentState: getAgentState,
};

const PROBLEMS: Record<Exclude<ParsedRequest, { ok: true }>['problem'], string> = {
  doctype: 'DOCTYPE and entity declarations are not accepted',
  'not-xml': 'The request is not well-formed XML',
  'not-soap11': 'Expected a SOAP 1.1 envelope',
  'no-operation': 'Expected exactly one operation element in soap:Body',
};

/** The SOAP endpoint with its session store exposed, for tests that need to end sessions. */
export interface SoapEndpoint extends SimEndpoint {
  readonly sessions: SessionStore;
}

/**
 * The simulated WFM 8.5 SOAP API (cloud variant) at `/?Handler=<Service>`:
 * `WFMLocatorService800`, `WFMSessionService800`, `WFMConfigService850`, `WFMScheduleService852`.
 *
 * - `GET /?Handler=<Service>&wsdl` serves the bundled WSDL (no token needed), `soap:address`
 *   rewritten to the advertised base URL. `identify` names it `wsdl`.
 * - Every other call is a SOAP 1.1 POST; `identify` names it by the operation element in
 *   `soap:Body`. No or bad Bearer token → HTTP 401 with `WWW-Authenticate: Bearer`.
 * - Errors are SOAP 1.1 Faults (HTTP 500) with a `WFMError` code (TEAM-NOTES).
 */
export function createSoapEndpoint(options: SessionStoreOptions = {}): SoapEndpoint {
  const sessions = new SessionStore(options);
  // identify() parses the body once; handle() reuses the result for the same request object.
  const parsed = new WeakMap<SimRequest, ParsedRequest>();
  const parse = (req: SimRequest): ParsedRequest => {
    let result = parsed.get(req);
    if (result === undefined) {
      result = parseEnvelope(req.body);
      parsed.set(req, result);
    }
    return result;
  };

  return {
    service: 'wfm-soap',
    sessions,
    identify(req: SimRequest): string | null {
      if (req.method === 'GET' && isWsdlRequest(req.url)) return 'wsdl';
      if (req.method !== 'POST') return null;
      const result = parse(req);
      return result.ok ? result.operation : null;
    },
    handle(req: SimRequest, env: SimEnv, operation: string): SimResponse {
      const service = soapServiceOf(req.url);
      if (service === null) return text(404, 'Unknown SOAP handler');
      if (req.method === 'GET' && isWsdlRequest(req.url))
        return wsdlResponse(service, env.advertisedBaseUrl());
      if (req.method !== 'POST')
        return text(405, 'SOAP calls are POST requests', { allow: 'POST' });
      const check = env.tokens.check(req.headers.authorization);
      if (!check.ok) return invalidTokenResponse(check, 401);
      const contentType = req.headers['content-type'] ?? '';
      if (!/^\s*text\/xml\s*(;|$)/i.test(contentType)) {
        return text(415, 'SOAP 1.1 requests are text/xml');
      }
      const result = parse(req);
      try {
        if (!result.ok) throw new SoapFault('INVALID_ARGUMENT', PROBLEMS[result.problem]);
        const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
        if (run === undefined || !hasOperation(service, operation)) {
          throw new SoapFault('INVALID_ARGUMENT', `${service} has no operation ${operation}`);
        }
        const inner = run({
          req,
          env,
          service,
          operation,
          args: result.args,
          token: check.token,
          sessions,
        });
        return {
          status: 200,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: responseEnvelope(service, operation, inner),
        };
      } catch (error) {
        if (error instanceof SoapFault) {
          env.note({ faultCode: error.code });
          return error.toResponse();
        }
        throw error;
      }
    },
  };
}

function isWsdlRequest(url: URL): boolean {
  for (const key of url.searchParams.keys()) if (key.toLowerCase() === 'wsdl') return true;
  return false;
}

function text(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}
