import { soapFaultXml } from '../faults/soapFaultXml.js';
import type { SimResponse } from '../types.js';

/** The WFMError detail codes (TEAM-NOTES "WFM SOAP fault detail"). */
export type WfmErrorCode =
  | 'INSUFFICIENT_PRIVILEGES'
  | 'INVALID_SESSION'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'NOT_SUPPORTED'
  | 'SERVER_ERROR';

/**
 * A SOAP Fault a simulated WFM operation answers with, thrown by operation handlers and turned
 * into the HTTP 500 envelope by `toResponse`. `soap:Server` only for SERVER_ERROR; every other
 * code is the client's doing (`soap:Client`).
 */
export class SoapFault extends Error {
  readonly code: WfmErrorCode;

  constructor(code: WfmErrorCode, faultString: string) {
    super(faultString);
    this.name = 'SoapFault';
    this.code = code;
  }

  /** The SOAP 1.1 Fault reply (HTTP 500, `text/xml`). */
  toResponse(): SimResponse {
    const faultCode = this.code === 'SERVER_ERROR' ? 'soap:Server' : 'soap:Client';
    return {
      status: 500,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: soapFaultXml(faultCode, this.message, this.code),
    };
  }
}
