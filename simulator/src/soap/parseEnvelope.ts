import { XMLParser } from 'fast-xml-parser';

/** A value of the parsed request: text, a nested element, or repeated elements. */
export type XmlValue = string | XmlObject | XmlValue[];
/** A parsed element with children, keyed by local name (namespace prefixes removed). */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** What a SOAP request carries: the operation element's local name and its children. */
export type ParsedRequest =
  | { ok: true; operation: string; args: XmlObject }
  | { ok: false; problem: 'doctype' | 'not-xml' | 'not-soap11' | 'no-operation' };

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

// Attributes (xmlns, xsi:type…) are not needed; prefixes are dropped so `tns:filter` and
// `filter` read alike, as a lenient server would. Text stays text: arguments are parsed by
// `args.ts`. Entities are not expanded, and DOCTYPEs are refused before parsing.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

/**
 * Parses a SOAP 1.1 request body and finds the operation element inside `soap:Body`. Refuses
 * DOCTYPE declarations (no entity expansion of any kind), bodies that are not well-formed XML,
 * SOAP 1.2 envelopes and bodies without an operation element. Never throws.
 */
export function parseEnvelope(body: Buffer): ParsedRequest {
  const text = body.toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, problem: 'doctype' };
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    return { ok: false, problem: 'not-xml' };
  }
  if (text.includes(SOAP12_NS) && !text.includes(SOAP11_NS))
    return { ok: false, problem: 'not-soap11' };
  const envelope = child(doc, 'Envelope');
  const soapBody = child(envelope, 'Body');
  if (soapBody === undefined || typeof soapBody !== 'object' || Array.isArray(soapBody)) {
    return { ok: false, problem: soapBody === '' ? 'no-operation' : 'not-soap11' };
  }
  const names = Object.keys(soapBody);
  const operation = names[0];
  if (operation === undefined || names.length !== 1) return { ok: false, problem: 'no-operation' };
  const args = soapBody[operation];
  if (Array.isArray(args)) return { ok: false, problem: 'no-operation' };
  return { ok: true, operation, args: typeof args === 'object' ? args : {} };
}

function child(value: unknown, name: string): XmlValue | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, name) ? (value as XmlObject)[name] : undefined;
}
