/**
 * The one SOAP 1.1 Fault envelope every simulated WFM service answers with (HTTP 500).
 * The detail carries a stable `WFMError` code; clients decide on it, never on `faultstring`.
 */

/** Escapes text for an XML element body or attribute value. */
function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : '&quot;',
  );
}

/**
 * Builds a SOAP 1.1 Fault envelope.
 *
 * @param faultCode   qualified fault code, `soap:Client` or `soap:Server` (the `soap` prefix is
 *                    bound to the SOAP 1.1 envelope namespace in the returned document)
 * @param faultString human-readable text; informational only
 * @param detailCode  WFMError code (INSUFFICIENT_PRIVILEGES, INVALID_SESSION, NOT_FOUND,
 *                    INVALID_ARGUMENT, NOT_SUPPORTED, SERVER_ERROR); omitted → no `<detail>`
 */
export function soapFaultXml(faultCode: string, faultString: string, detailCode?: string): string {
  const detail =
    detailCode === undefined
      ? ''
      : `<detail><WFMError xmlns="urn:WFMError"><code>${escapeXml(detailCode)}</code></WFMError></detail>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<soap:Body><soap:Fault>' +
    `<faultcode>${escapeXml(faultCode)}</faultcode>` +
    `<faultstring>${escapeXml(faultString)}</faultstring>` +
    detail +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}
