import { UpstreamError } from '../../../errors/UpstreamError.js';

/**
 * Strict readers for the objects node-soap builds from WFM replies. node-soap converts by the WSDL
 * where it can (xs:int → number, arrays from `maxOccurs`), but a reply may still be missing
 * elements, hold one object where an array was expected, or carry text where a number belongs;
 * every reader checks, and reads own properties only (element names like `__proto__` reach
 * nothing).
 */

/** A reply that does not have the shape the WSDL promises. */
export class ReplyShapeError extends Error {
  constructor(readonly path: string) {
    super(`unexpected reply shape at ${path}`);
    this.name = 'ReplyShapeError';
  }
}

/** Runs `read` and turns a shape problem into an UpstreamError ERROR for `operation`. */
export function readReply<T>(operation: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ReplyShapeError) {
      throw new UpstreamError('ERROR', `wfm-soap ${operation}: ${error.message}`, {
        service: 'wfm-soap',
        operation,
        cause: error,
      });
    }
    throw error;
  }
}

/** An own property of an object (undefined when absent or not an object). */
export function prop(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/** A required nested object. */
export function object(value: unknown, name: string): Record<string, unknown> {
  const v = prop(value, name);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ReplyShapeError(name);
  return v as Record<string, unknown>;
}

/** A repeated element: absent → [], one object → [it], array → it. */
export function list(value: unknown, name: string): unknown[] {
  const v = prop(value, name);
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A required integer (number, or integer text for simple types node-soap leaves as text). */
export function int(value: unknown, name: string): number {
  const v = optionalInt(value, name);
  if (v === undefined) throw new ReplyShapeError(name);
  return v;
}

export function optionalInt(value: unknown, name: string): number | undefined {
  const v = prop(value, name);
  if (v === undefined || v === null) return undefined;
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)
        ? Number(v)
        : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new ReplyShapeError(name);
  return n;
}

/** A required finite double. */
export function double(value: unknown, name: string): number {
  const v = prop(value, name);
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new ReplyShapeError(name);
  return n;
}

/** A required boolean (node-soap converts xs:boolean; `true`/`1` text is accepted too). */
export function bool(value: unknown, name: string): boolean {
  const v = prop(value, name);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ReplyShapeError(name);
}

/** A required string (an empty element reads as ''). */
export function str(value: unknown, name: string): string {
  const v = optionalStr(value, name);
  if (v === null) throw new ReplyShapeError(name);
  return v;
}

/** An optional string: null when absent. */
export function optionalStr(value: unknown, name: string): string | null {
  const v = prop(value, name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new ReplyShapeError(name);
  return v;
}
