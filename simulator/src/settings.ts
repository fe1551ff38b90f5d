/** Simulator switches that tests and the admin endpoint may change while it runs. */
export interface SimulatorSettings {
  /** Answer for unknown, expired or revoked tokens on the Authentication API (default 401). */
  invalidTokenStatus: 401 | 403;
  /** When set, every `/auth/v3` call must carry `x-api-key` with this value (else 403). */
  apiKey: string | null;
  /** Per-token (or per-IP without token) requests per minute; 0 turns limiting off. */
  rateLimitPerMinute: number;
}

/**
 * Applies a partial update after validating every field; throws with a message naming the field
 * and the rule. Used by the admin endpoint.
 */
export function patchSettings(settings: SimulatorSettings, patch: Record<string, unknown>): void {
  const next = { ...settings };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'invalidTokenStatus') {
      if (value !== 401 && value !== 403)
        throw new Error(`invalidTokenStatus must be 401 or 403; got ${String(value)}`);
      next.invalidTokenStatus = value;
    } else if (key === 'apiKey') {
      if (value !== null && (typeof value !== 'string' || value === '')) {
        throw new Error('apiKey must be a non-empty string or null');
      }
      next.apiKey = value;
    } else if (key === 'rateLimitPerMinute') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new Error(`rateLimitPerMinute must be a non-negative integer; got ${String(value)}`);
      }
      next.rateLimitPerMinute = value;
    } else {
      throw new Error(
        `unknown setting ${key}; known: invalidTokenStatus, apiKey, rateLimitPerMinute`,
      );
    }
  }
  Object.assign(settings, next);
}
