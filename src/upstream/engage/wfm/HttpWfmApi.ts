import type { Dispatcher } from 'undici';
import { UpstreamError } from '../../../errors/UpstreamError.js';
import type { CallContext } from '../../../types/CallContext.js';
import { HttpJsonClient } from '../../http/HttpJsonClient.js';
import {
  asObject,
  compact,
  optionalNumber,
  optionalString,
  requiredNumber,
  ShapeError,
} from '../../http/shape.js';
import type { HttpInterceptor } from '../../http/types.js';
import type { WfmApi, WfmUserInfo } from '../../../types/WfmApi.js';

export interface HttpWfmApiOptions {
  /** Base URL ending in `/wfm/api/v3`. */
  baseUrl: string;
  dispatcher: Dispatcher;
  /** Deadline of one attempt, in ms. */
  timeoutMs: number;
  /** Largest accepted answer, in bytes. */
  maxResponseBytes: number;
  interceptors?: readonly HttpInterceptor[];
}

/**
 * WFM REST over undici (genesys-facts §2). "The /userinfo call can return a 403 (Forbidden) error
 * code if an authenticated user is not provisioned in WFM": every 403 here is FORBIDDEN with reason
 * WFM_NOT_PROVISIONED. No `x-api-key` is sent: CONTRACT §3 scopes GENESYS_API_KEY to the
 * Authentication API.
 */
export class HttpWfmApi implements WfmApi {
  readonly #http: HttpJsonClient;

  constructor(options: HttpWfmApiOptions) {
    this.#http = new HttpJsonClient({
      service: 'wfm',
      baseUrl: options.baseUrl,
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      forbiddenReason: () => 'WFM_NOT_PROVISIONED',
      interceptors: options.interceptors,
    });
  }

  async userInfo(ctx: CallContext): Promise<WfmUserInfo> {
    const body = await this.#http.json({
      operation: 'system/userinfo',
      method: 'GET',
      path: '/system/userinfo',
      auth: { bearer: ctx.token },
      signal: ctx.signal,
      deadlineAtMs: ctx.deadlineAtMs,
      requestId: ctx.requestId,
    });
    try {
      return readWfmUserInfo(body);
    } catch (error) {
      throw new UpstreamError('ERROR', 'wfm system/userinfo: unexpected answer shape', {
        service: 'wfm',
        operation: 'system/userinfo',
        status: 200,
        cause: error,
      });
    }
  }
}

/** WfmUserInfo; `userId` and `userType` are required, the rest is our reconstruction (optional). */
export function readWfmUserInfo(body: unknown): WfmUserInfo {
  const o = asObject(body, 'system/userinfo');
  const userType = optionalString(o, 'userType')?.toUpperCase();
  if (userType !== 'AGENT' && userType !== 'SUPERVISOR') throw new ShapeError('userType');
  return compact<WfmUserInfo>({
    userId: requiredNumber(o, 'userId'),
    userType,
    userName: optionalString(o, 'userName'),
    firstName: optionalString(o, 'firstName'),
    lastName: optionalString(o, 'lastName'),
    siteId: optionalNumber(o, 'siteId'),
    buId: optionalNumber(o, 'buId'),
    timeZone: optionalString(o, 'timeZone'),
  });
}
