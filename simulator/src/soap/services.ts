/**
 * The four simulated WFM SOAP services, addressed as `/?Handler=<Service>`, and the operations
 * each one answers (operation element names inside `soap:Body`).
 */
export const SOAP_SERVICES = {
  WFMLocatorService800: ['LocateServer', 'LocateServerLogin'],
  WFMSessionService800: ['OpenSession', 'OpenSessionLogin', 'CloseSession'],
  WFMConfigService850: ['GetSite', 'GetTeam', 'GetAgent'],
  WFMScheduleService852: ['GetAgentState'],
} as const satisfies Record<string, readonly string[]>;

export type SoapServiceName = keyof typeof SOAP_SERVICES;

/** The service named by the `Handler` query parameter, or null. */
export function soapServiceOf(url: URL): SoapServiceName | null {
  const handler = url.searchParams.get('Handler');
  return handler !== null && Object.hasOwn(SOAP_SERVICES, handler)
    ? (handler as SoapServiceName)
    : null;
}

/** Whether `operation` belongs to `service`. */
export function hasOperation(service: SoapServiceName, operation: string): boolean {
  return (SOAP_SERVICES[service] as readonly string[]).includes(operation);
}

/**
 * Absolute URL of a service at the advertised base, e.g.
 * `http://127.0.0.1:4010/?Handler=WFMConfigService850&SessionID=…`.
 */
export function serviceUrl(baseUrl: string, service: SoapServiceName, sessionId?: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const session = sessionId === undefined ? '' : `&SessionID=${encodeURIComponent(sessionId)}`;
  return `${base}/?Handler=${service}${session}`;
}
