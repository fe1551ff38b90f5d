/**
 * Tolerant readers for upstream JSON: pick the fields we know, with the types we expect, into
 * fresh objects (no prototype tricks, no unexpected fields travelling on). A required field that
 * is missing or mistyped throws {@link ShapeError}, which the clients report as an upstream ERROR.
 */
export class ShapeError extends Error {
  constructor(readonly field: string) {
    super(`unexpected answer shape at ${field}`);
    this.name = 'ShapeError';
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, field: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ShapeError(field);
  return value as JsonObject;
}

export function requiredString(obj: JsonObject, key: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new ShapeError(key);
  return value;
}

export function optionalString(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, or a string of digits (some Genesys ids arrive as strings). */
export function optionalNumber(obj: JsonObject, key: string): number | undefined {
  const value = obj[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

export function requiredNumber(obj: JsonObject, key: string): number {
  const value = optionalNumber(obj, key);
  if (value === undefined) throw new ShapeError(key);
  return value;
}

/** A string → string map; non-string values are dropped. */
export function optionalStringMap(
  obj: JsonObject,
  key: string,
): Record<string, string> | undefined {
  const value = obj[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as JsonObject)) {
    if (typeof v === 'string' && k !== '__proto__') out[k] = v;
  }
  return out;
}

/** Copies only the defined values, so optional fields stay absent rather than `undefined`. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
