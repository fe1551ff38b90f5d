import { fileURLToPath } from 'node:url';
import { createClientAsync, type Client, type IHttpClient } from 'soap';
import type { CallContext } from '../../../types/CallContext.js';
import { toUpstreamError } from './soapFaults.js';
import {
  RawReplyTaken,
  type SoapCallOptions,
  type UndiciSoapHttpClient,
} from './UndiciSoapHttpClient.js';

/** Folder of the bundled WSDL files (read from disk at start-up, never fetched). */
export const BUNDLED_WSDL_DIR = new URL('./wsdl/', import.meta.url);

/** One operation call on a port. */
export interface PortCall {
  operation: string;
  /** Absolute URL to post to (the locator, or a session's service URL). */
  url: string;
  /** Wrapper element children, keys in schema order (node-soap writes them in key order). */
  args: Record<string, unknown>;
  ctx: CallContext;
  /** Reads may be repeated without effect. */
  idempotent: boolean;
  /**
   * When true, node-soap does not parse the reply: the call resolves with a {@link RawSoapReply}
   * (status 2xx or 500, SOAP Faults included) for the caller to parse. Default: node-soap parses
   * every reply and turns Faults into UpstreamErrors.
   */
  rawReply?: boolean;
}

/** A reply handed over unparsed (see `PortCall.rawReply`): a result or a SOAP Fault. */
export class RawSoapReply {
  constructor(
    /** The whole body, size-capped and checked to be XML without a DOCTYPE (status 2xx or 500). */
    readonly body: Buffer,
    readonly status: number,
  ) {}
}

type NodeSoapMethod = (
  args: Record<string, unknown>,
  callback: (error: unknown, result: unknown) => void,
  options: SoapCallOptions,
  extraHeaders: Record<string, string>,
) => void;

/**
 * One WFM SOAP service as a node-soap client built ONCE from its bundled WSDL and shared by every
 * caller. Nothing per caller is ever set on the client: the target URL, signal and the caller's
 * `Authorization: Bearer` travel with each call (node-soap's per-call options and extra headers).
 */
export class SoapPort {
  readonly service: string;
  readonly #client: Client;

  private constructor(service: string, client: Client) {
    this.service = service;
    this.#client = client;
  }

  /**
   * Loads `<service>.wsdl` from `wsdlDir` (default: the bundled files) and builds its client over
   * `httpClient`.
   */
  static async load(
    service: string,
    httpClient: UndiciSoapHttpClient,
    wsdlDir: URL = BUNDLED_WSDL_DIR,
  ): Promise<SoapPort> {
    const path = fileURLToPath(new URL(`${service}.wsdl`, wsdlDir));
    // UndiciSoapHttpClient implements node-soap's request() contract; node-soap types it as
    // returning an AxiosPromise, which it never uses.
    const client = await createClientAsync(path, {
      httpClient: httpClient as unknown as IHttpClient,
    });
    return new SoapPort(service, client);
  }

  /**
   * Calls `operation` and resolves with its `<Op>Response` content (node-soap's object) — or with
   * the {@link RawSoapReply} when `rawReply` is set — or rejects with an UpstreamError (see
   * `soapFaults.ts`).
   */
  call(call: PortCall): Promise<unknown> {
    const method = (this.#client as unknown as Record<string, unknown>)[call.operation];
    if (typeof method !== 'function') {
      return Promise.reject(new TypeError(`${this.service} has no operation ${call.operation}`));
    }
    let taken: RawSoapReply | undefined;
    const options: SoapCallOptions = {
      url: call.url,
      operation: call.operation,
      idempotent: call.idempotent,
      signal: call.ctx.signal,
      deadlineAtMs: call.ctx.deadlineAtMs,
      caller: call.ctx.tokenHash,
      ...(call.rawReply === true
        ? { rawReply: { take: (body, status) => (taken = new RawSoapReply(body, status)) } }
        : {}),
    };
    const headers: Record<string, string> = { Authorization: `Bearer ${call.ctx.token}` };
    if (call.ctx.requestId !== undefined) headers['x-request-id'] = call.ctx.requestId;
    return new Promise((resolve, reject) => {
      (method as NodeSoapMethod).call(
        this.#client,
        call.args,
        (error, result) => {
          this.#forgetLastExchange();
          if (error instanceof RawReplyTaken && taken) resolve(taken);
          else if (error) reject(toUpstreamError(error, call.operation));
          else resolve(result);
        },
        options,
        headers,
      );
    });
  }

  /**
   * node-soap keeps the last request and reply on the shared client (`lastRequest`,
   * `lastResponse`…); drop them so no caller's data outlives its call there.
   */
  #forgetLastExchange(): void {
    const client = this.#client as unknown as Record<string, unknown>;
    client['lastRequest'] = undefined;
    client['lastMessage'] = undefined;
    client['lastResponse'] = undefined;
    client['lastResponseHeaders'] = undefined;
    client['lastRequestHeaders'] = undefined;
    client['lastEndpoint'] = undefined;
  }
}
