/**
 * Cheap checks of a JSON request body's shape, made before (or instead of) work that grows with
 * it. `JSON.parse` of a megabyte of `[` takes hundreds of milliseconds before it fails; this scan
 * refuses such a body after reading `maxDepth + 1` bytes of nesting.
 */

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const CLOSE_ARRAY = 0x5d; // ]
const CLOSE_OBJECT = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether arrays and objects in `raw` (JSON text as UTF-8) nest deeper than `maxDepth`, string
 * contents ignored. One pass over the bytes, stopping at the first level past the limit; says
 * nothing about whether the text is valid JSON (the parser decides that afterwards).
 */
export function exceedsJsonDepth(raw: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The length of the longest array anywhere inside a parsed JSON value (0 when it holds none),
 * looking at most `maxDepth` levels down (bodies are depth-checked first). Iterative: no stack
 * growth whatever the value.
 */
export function longestList(value: unknown, maxDepth: number): number {
  let longest = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, depth } = next;
    if (current === null || typeof current !== 'object' || depth >= maxDepth) continue;
    const children = Array.isArray(current) ? current : Object.values(current);
    if (Array.isArray(current)) longest = Math.max(longest, current.length);
    for (const child of children)
      if (child !== null && typeof child === 'object')
        pending.push({ value: child, depth: depth + 1 });
  }
  return longest;
}
