import type { ForbiddenClassifier } from './classify.js';

/**
 * FORBIDDEN reason for the Authentication API. Genesys documents `x-api-key` as "required for
 * access through the API Gateway only" (genesys-facts §1.1); an API gateway that refuses a
 * missing or wrong key answers 403 with exactly `{"message":"Forbidden"}` before Genesys sees the
 * request. Rule: a 403 whose body is a JSON object with the single key `message` equal to
 * "Forbidden" (any case) is INVALID_API_KEY, whether or not GENESYS_API_KEY is set (unset means
 * the gateway in front of Genesys expects one). Any other 403 is UPSTREAM_FORBIDDEN; callers that
 * check tokens turn that into UNAUTHENTICATED (see `HttpAuthApi`).
 */
export const authForbiddenReason: ForbiddenClassifier = (response) =>
  isApiGatewayForbidden(response.body) ? 'INVALID_API_KEY' : 'UPSTREAM_FORBIDDEN';

function isApiGatewayForbidden(body: Buffer): boolean {
  if (body.length === 0 || body.length > 256) return false;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
    const keys = Object.keys(parsed);
    const message = (parsed as { message?: unknown }).message;
    return (
      keys.length === 1 && typeof message === 'string' && message.toLowerCase() === 'forbidden'
    );
  } catch {
    return false;
  }
}
