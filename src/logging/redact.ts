import type { KnownSecrets } from './KnownSecrets.js';

/** What replaces a removed secret. */
export const REDACTED = '[REDACTED]';

/**
 * Field names whose values are never logged, at any depth, in any letter case (pino's
 * redaction is case-sensitive and one level per `*`; this is neither).
 */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|password|old[-_]?password|new[-_]?password|client[-_]?secret|secret)$/i;

// Credentials inside free text: an auth scheme and its credential, OAuth parameters in a query or
// form body, and JWTs (three base64url parts, the first one a JSON header starting `eyJ`).
const SCHEME_CREDENTIAL = /\b(bearer|basic)(\s+|%20)[A-Za-z0-9\-._~+/%]+=*/gi;
const OAUTH_PARAMETER =
  /\b(access_token|refresh_token|id_token|client_secret|password)(=|%3D|":\s*")[^&\s"]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/**
 * Serialises one log record as a JSON line with every credential removed: values of secret-named
 * fields, `Bearer <…>` / `Basic <…>` anywhere in any string (messages included), OAuth parameters,
 * JWTs, and every credential of a request in flight ({@link KnownSecrets}) wherever it appears.
 * Works on the final text, so nothing escapes through an unexpected field or nesting. Never throws.
 */
export function redactedJson(record: Record<string, unknown>, known?: KnownSecrets): string {
  let text: string;
  try {
    text = JSON.stringify(record, replacer);
  } catch {
    text = JSON.stringify({
      time: record['time'],
      level: record['level'],
      msg: String(record['msg']),
    });
  }
  return redactText(text, known);
}

/** Removes credentials from free text (see {@link redactedJson}). */
export function redactText(text: string, known?: KnownSecrets): string {
  let out = text
    .replace(SCHEME_CREDENTIAL, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`)
    .replace(OAUTH_PARAMETER, (_m, name: string, eq: string) => `${name}${eq}${REDACTED}`)
    .replace(JWT, REDACTED);
  if (known && known.size > 0) {
    for (const secret of known.values()) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
      // The same secret as JSON wrote it, should it hold a character JSON escapes.
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
    }
  }
  return out;
}

function replacer(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_KEY.test(key) && value !== undefined && value !== null) return REDACTED;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}
