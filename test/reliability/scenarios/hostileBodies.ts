import type { FaultRule } from '@genesys-gateway/simulator';

/** Text every hostile body carries; it must never reach a client. */
export const CANARY = 'HOSTILE_CANARY';

/** Where a hostile body is served, and the query that reaches it. */
export interface Target {
  readonly name: string;
  readonly service: 'auth' | 'wfm' | 'wfm-soap';
  readonly operation: string;
  readonly query: string;
  readonly kind: 'SOAP' | 'REST';
}

export const TARGETS: readonly Target[] = [
  {
    name: 'GetSite (node-soap)',
    service: 'wfm-soap',
    operation: 'GetSite',
    kind: 'SOAP',
    query: '{ sites { id } }',
  },
  {
    name: 'GetAgentState (streaming reader)',
    service: 'wfm-soap',
    operation: 'GetAgentState',
    kind: 'SOAP',
    query:
      '{ schedules(siteId: "1", from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { items { type } } }',
  },
  {
    name: 'wfm system/userinfo',
    service: 'wfm',
    operation: 'system/userinfo',
    kind: 'REST',
    query: '{ me { wfmUser { id } } }',
  },
  {
    name: 'auth openid/userinfo',
    service: 'auth',
    operation: 'openid/userinfo',
    kind: 'REST',
    query: '{ me { openId { email } } }',
  },
];

/** One hostile answer; `expect` is the code the client must get, or `handled` (a code, or clean data). */
export interface HostileBody {
  readonly name: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly expect: string;
}

const XML = 'text/xml; charset=utf-8';
const SOAP12 = 'application/soap+xml; charset=utf-8';
const JSON_TYPE = 'application/json';
const env11 = (inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const fault11 = (detail: string): string =>
  env11(
    `<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${CANARY} at C:\\wfm\\server.dll</faultstring><detail><WFMError xmlns="urn:WFMError"><code>${detail}</code></WFMError></detail></soap:Fault>`,
  );
const fault12 = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang="en">${CANARY}</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>`;
const html = `<html><head><title>${CANARY}</title></head><body><h1>502 Bad Gateway</h1><pre>${CANARY} stack</pre></body></html>`;
const deepXml = `${'<a>'.repeat(10_000)}${CANARY}${'</a>'.repeat(10_000)}`;
const garbage = `\u0000\u0001\u00ff\ufffd${CANARY}\u0000<\u0007>]]>\u0000`;

/** SOAP replies: Faults of both versions, wrong media, broken and malicious XML, oversize. */
export function soapBodies(maxResponseBytes: number): HostileBody[] {
  return [
    {
      name: 'SOAP 1.1 Fault, HTTP 500',
      status: 500,
      contentType: XML,
      body: fault11('SERVER_ERROR'),
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'SOAP 1.1 Fault, HTTP 200',
      status: 200,
      contentType: XML,
      body: fault11('SERVER_ERROR'),
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'SOAP 1.2 Fault, HTTP 500',
      status: 500,
      contentType: SOAP12,
      body: fault12,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'SOAP 1.2 Fault, HTTP 200',
      status: 200,
      contentType: SOAP12,
      body: fault12,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'HTML 502 page',
      status: 502,
      contentType: 'text/html',
      body: html,
      expect: 'UPSTREAM_UNAVAILABLE',
    },
    {
      name: 'HTML page, HTTP 200',
      status: 200,
      contentType: 'text/html',
      body: html,
      expect: 'UPSTREAM_ERROR',
    },
    { name: 'empty body', status: 200, contentType: XML, body: '', expect: 'UPSTREAM_ERROR' },
    {
      name: 'truncated envelope',
      status: 200,
      contentType: XML,
      body: env11(`<x>${CANARY}</x>`).slice(0, 120),
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'DOCTYPE with an external entity (XXE)',
      status: 200,
      contentType: XML,
      body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${env11(`<x>&e;${CANARY}</x>`)}`,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'entity expansion (billion laughs)',
      status: 200,
      contentType: XML,
      body: `<!DOCTYPE l [<!ENTITY a "${CANARY}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${env11('<x>&c;&c;&c;&c;</x>')}`,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: '__proto__ / constructor element names',
      status: 200,
      contentType: XML,
      body: env11(
        `<__proto__><polluted>${CANARY}</polluted></__proto__><constructor><prototype><polluted>${CANARY}</polluted></prototype></constructor>`,
      ),
      expect: 'handled',
    },
    {
      name: '10,000-deep nesting',
      status: 200,
      contentType: XML,
      body: env11(deepXml),
      expect: 'handled',
    },
    {
      name: 'oversize body',
      status: 200,
      contentType: XML,
      body: env11(`<!--${CANARY}${'x'.repeat(maxResponseBytes + 1024)}-->`),
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'JSON where XML is expected',
      status: 200,
      contentType: JSON_TYPE,
      body: `{"${CANARY}":1}`,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'JSON under text/xml',
      status: 200,
      contentType: XML,
      body: `{"${CANARY}":1}`,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'binary garbage',
      status: 200,
      contentType: XML,
      body: garbage,
      expect: 'UPSTREAM_ERROR',
    },
  ];
}

/** REST answers: wrong media, broken JSON, prototype keys, deep nesting, oversize. */
export function restBodies(maxResponseBytes: number): HostileBody[] {
  return [
    {
      name: 'HTML page, HTTP 200',
      status: 200,
      contentType: 'text/html',
      body: html,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'HTML 502 page',
      status: 502,
      contentType: 'text/html',
      body: html,
      expect: 'UPSTREAM_UNAVAILABLE',
    },
    {
      name: 'HTML 500 page',
      status: 500,
      contentType: 'text/html',
      body: html,
      expect: 'UPSTREAM_ERROR',
    },
    { name: 'empty body', status: 200, contentType: JSON_TYPE, body: '', expect: 'UPSTREAM_ERROR' },
    {
      name: 'truncated JSON',
      status: 200,
      contentType: JSON_TYPE,
      body: `{"userId": 1, "${CANARY}": "x`,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: '__proto__ keys',
      status: 200,
      contentType: JSON_TYPE,
      body: `{"__proto__": {"polluted": "${CANARY}", "userType": "SUPERVISOR"}, "constructor": {"prototype": {"polluted": "${CANARY}"}}}`,
      expect: 'handled',
    },
    {
      name: '10,000-deep nesting',
      status: 200,
      contentType: JSON_TYPE,
      body: `${'['.repeat(10_000)}"${CANARY}"${']'.repeat(10_000)}`,
      expect: 'handled',
    },
    {
      name: 'oversize body',
      status: 200,
      contentType: JSON_TYPE,
      body: `{"${CANARY}": "${'x'.repeat(maxResponseBytes + 1024)}"}`,
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'XML where JSON is expected',
      status: 200,
      contentType: XML,
      body: env11(`<x>${CANARY}</x>`),
      expect: 'UPSTREAM_ERROR',
    },
    {
      name: 'JSON of the wrong shape',
      status: 200,
      contentType: JSON_TYPE,
      body: `["${CANARY}"]`,
      expect: 'handled',
    },
    {
      name: 'binary garbage',
      status: 200,
      contentType: JSON_TYPE,
      body: garbage,
      expect: 'UPSTREAM_ERROR',
    },
  ];
}

/** The simulator rule that serves `body` for `target`. */
export function ruleFor(target: Target, body: HostileBody): FaultRule {
  return {
    kind: 'body',
    service: target.service,
    operation: target.operation,
    status: body.status,
    contentType: body.contentType,
    body: body.body,
  };
}
