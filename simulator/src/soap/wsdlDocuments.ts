import { readFileSync } from 'node:fs';
import type { SimResponse } from '../types.js';
import { serviceUrl, type SoapServiceName } from './services.js';
import { esc } from './xml.js';

/**
 * The simulator's copy of the Genesys WSDL files (./wsdl/). The gateway bundles its own copy in
 * src/upstream/engage/soap/wsdl/; test/integration/soap/wsdlCopies.test.ts keeps the two equal.
 */
const WSDL_DIR = new URL('./wsdl/', import.meta.url);

const sources = new Map<SoapServiceName, string>();
const served = new Map<string, string>();

function source(service: SoapServiceName): string {
  let text = sources.get(service);
  if (text === undefined) {
    text = readFileSync(new URL(`${service}.wsdl`, WSDL_DIR), 'utf8');
    sources.set(service, text);
  }
  return text;
}

/**
 * The WSDL of `service` as served at `/?Handler=<Service>&wsdl`: the bundled file with its
 * `soap:address` pointing at the advertised base URL.
 */
export function wsdlResponse(service: SoapServiceName, baseUrl: string): SimResponse {
  const key = `${service} ${baseUrl}`;
  let body = served.get(key);
  if (body === undefined) {
    const location = esc(serviceUrl(baseUrl, service));
    body = source(service).replace(/(<soap:address\s+location=")[^"]*(")/, `$1${location}$2`);
    if (served.size > 100) served.clear();
    served.set(key, body);
  }
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}
