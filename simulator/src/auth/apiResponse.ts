import { jsonResponse } from '../http/responses.js';
import type { SimResponse } from '../types.js';

/**
 * An `ApiResponse` body (`{"status":{"code","message"}}`), the envelope of the non-OAuth
 * endpoints (ping, sign-out, change-password, jwt-userinfo). `code` 0 means success.
 */
export function apiResponse(
  httpStatus: number,
  code: number,
  message?: string,
  headers: Record<string, string> = {},
): SimResponse {
  return jsonResponse(
    httpStatus,
    { status: message === undefined ? { code } : { code, message } },
    headers,
  );
}
