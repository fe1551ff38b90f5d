/**
 * Minimal XML writing for simulator SOAP replies: escaping and the SOAP 1.1 envelope. Replies are
 * built by string concatenation (thousands of agents must stay fast), so every text value goes
 * through `esc`.
 */

const ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};
const NEEDS_ESCAPE = /[<>&"']/;
/** C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and lone surrogates: XML 1.0 cannot carry them. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching these characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for an XML element body or attribute value. Characters XML 1.0 cannot carry at all
 * (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) are replaced by U+FFFD.
 */
export function esc(text: string): string {
  const clean = text.replace(XML_INVALID, '\uFFFD');
  return NEEDS_ESCAPE.test(clean) ? clean.replace(/[<>&"']/g, (c) => ESCAPES[c]!) : clean;
}

/** `<name>value</name>` with the value escaped. */
export function el(name: string, value: string | number | boolean): string {
  return `<${name}>${typeof value === 'string' ? esc(value) : String(value)}</${name}>`;
}

/**
 * A SOAP 1.1 envelope whose body is `<{op}Response xmlns="urn:{service}">{inner}</…>`
 * (document/literal wrapped; children inherit the service namespace).
 */
export function responseEnvelope(service: string, operation: string, inner: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<${operation}Response xmlns="urn:${service}">${inner}</${operation}Response>` +
    '</soap:Body></soap:Envelope>'
  );
}
