/**
 * Parses an HTTP `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns
 * whole seconds from `nowMs` (never negative), or undefined when absent or unparseable.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) {
    const seconds = Number(raw);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  // Only IMF-fixdate and the two obsolete forms carry letters and a comma or spaces; plain
  // numbers with signs or decimals are invalid delay-seconds, not dates.
  if (!/[A-Za-z]/.test(raw)) return undefined;
  const atMs = Date.parse(raw);
  if (Number.isNaN(atMs)) return undefined;
  return Math.max(0, Math.ceil((atMs - nowMs) / 1000));
}
