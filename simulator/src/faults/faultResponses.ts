import type { SimResponse, SimService } from '../types.js';
import { jsonResponse } from '../http/responses.js';
import type { FaultRule } from './FaultController.js';
import { soapFaultXml } from './soapFaultXml.js';
import { cloudStatusError } from '../cloud/errorBody.js';

/** What the pipeline does for a matched fault rule. */
export type FaultPlan =
  /** Answer this instead of calling the handler. */
  | { action: 'respond'; response: SimResponse }
  /** Destroy the socket without answering. */
  | { action: 'reset' }
  /** Never answer (until the client leaves or the simulator closes). */
  | { action: 'hang' }
  /** Run the handler, optionally after a delay, and spoil how its answer is sent. */
  | {
      action: 'proceed';
      delayMs: number;
      delivery: 'normal' | 'truncated' | { trickleMs: number };
    };

/** Turns a matched rule into what the pipeline must do. Total: every kind has a plan. */
export function planFault(rule: FaultRule, service: SimService): FaultPlan {
  switch (rule.kind) {
    case 'latency':
      return { action: 'proceed', delayMs: rule.ms ?? 1000, delivery: 'normal' };
    case 'truncated':
      return { action: 'proceed', delayMs: 0, delivery: 'truncated' };
    case 'trickle':
      return { action: 'proceed', delayMs: 0, delivery: { trickleMs: rule.ms ?? 2000 } };
    case 'reset':
      return { action: 'reset' };
    case 'hang':
      return { action: 'hang' };
    case 'status':
      return {
        action: 'respond',
        response: statusResponse(rule.status ?? 500, rule.retryAfterSec, service),
      };
    case 'rateLimit':
      return {
        action: 'respond',
        response: statusResponse(
          429,
          rule.retryAfterSec === undefined ? 1 : rule.retryAfterSec,
          service,
        ),
      };
    case 'malformed':
      return { action: 'respond', response: malformedResponse(service) };
    case 'html':
      return { action: 'respond', response: htmlErrorPage() };
    case 'body':
      return {
        action: 'respond',
        response: {
          status: rule.status ?? 200,
          headers: { 'content-type': rule.contentType ?? 'application/octet-stream' },
          body: rule.body ?? '',
        },
      };
    case 'soapFault':
      return {
        action: 'respond',
        response: {
          status: 500,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: soapFaultXml(
            rule.faultCode ?? 'soap:Server',
            rule.faultString ?? 'Simulated fault',
            rule.detailCode ?? 'SERVER_ERROR',
          ),
        },
      };
  }
}

function statusResponse(
  status: number,
  retryAfterSec: number | null | undefined,
  service: SimService,
): SimResponse {
  const headers: Record<string, string> = {};
  if (retryAfterSec !== undefined && retryAfterSec !== null)
    headers['retry-after'] = String(retryAfterSec);
  if (service === 'cloud' || service === 'cloud-login') return cloudStatusError(status, headers);
  if (service === 'wfm-soap') {
    // A plain body, not a SOAP Fault: what a proxy in front of the SOAP service would answer.
    return {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
      body: `HTTP ${status}`,
    };
  }
  return jsonResponse(status, { status, message: `Simulated HTTP ${status}` }, headers);
}

function malformedResponse(service: SimService): SimResponse {
  const contentType =
    service === 'wfm-soap' ? 'text/xml; charset=utf-8' : 'application/json;charset=UTF-8';
  // Neither JSON nor well-formed XML, under the content type the client expects.
  return {
    status: 200,
    headers: { 'content-type': contentType },
    body: '\u0000{"data": <Envelope garbage ]]',
  };
}

function htmlErrorPage(): SimResponse {
  return {
    status: 502,
    headers: { 'content-type': 'text/html' },
    body:
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
      '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  };
}
