/**
 * Deep-freezes a value built of arrays and plain objects, and returns an estimate of its size in
 * bytes close to the length of its JSON text (strings count their length plus quotes, numbers 8,
 * booleans and null 4, each property its name plus punctuation). One pass, no recursion, so a
 * deeply nested answer cannot overflow the stack.
 *
 * A cached answer is shared by every later request of the same token, so it is frozen: a resolver
 * that sorted or patched it in place would otherwise change what the next request sees.
 * Other objects (Date, Map, class instances) are neither frozen nor walked and count 16 bytes;
 * an object met twice (shared or cyclic) is walked and counted once.
 */
export function freezeAndMeasure(value: unknown): number {
  let size = 0;
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    switch (typeof item) {
      case 'string':
        size += item.length + 2;
        break;
      case 'number':
      case 'bigint':
        size += 8;
        break;
      case 'boolean':
        size += 4;
        break;
      case 'object':
        if (item === null) size += 4;
        else if (!seen.has(item)) {
          seen.add(item);
          size += visitObject(item, stack);
        }
        break;
      case 'undefined':
      case 'function':
      case 'symbol':
        size += 4;
        break;
    }
  }
  return size;
}

function visitObject(item: object, stack: unknown[]): number {
  if (Array.isArray(item)) {
    Object.freeze(item);
    for (const element of item) stack.push(element);
    return 2 + item.length;
  }
  const proto: unknown = Object.getPrototypeOf(item);
  if (proto !== Object.prototype && proto !== null) return 16;
  Object.freeze(item);
  let size = 2;
  for (const [name, element] of Object.entries(item)) {
    size += name.length + 4;
    stack.push(element);
  }
  return size;
}
