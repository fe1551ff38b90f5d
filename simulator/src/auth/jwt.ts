import { createHmac } from 'node:crypto';

/**
 * Secret of the HS256 JWTs in `X-GWS-User` (`GET /auth/v3/jwt-userinfo`). Genesys does not
 * document the key; this one is public so clients of the simulator can verify signatures.
 */
export const SIM_JWT_SECRET = 'genesys-simulator-jwt-secret';

/** Signs `payload` as a compact HS256 JWT. */
export function signJwtHs256(
  payload: Record<string, unknown>,
  secret: string = SIM_JWT_SECRET,
): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}
