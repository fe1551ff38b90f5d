/**
 * Id-list arguments of WFM SOAP requests. Ids are checked here: only 32-bit integers can be
 * xs:int, and a wrong one is a bug of the caller (resolvers parse ids first).
 */

/** `ids` unchanged after checking; undefined when absent or empty (no restriction). */
export function ids(name: string, values: readonly number[] | undefined): number[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  for (const id of values) {
    if (!Number.isInteger(id) || id < -2147483648 || id > 2147483647) {
      throw new RangeError(`${name}: ${String(id)} is not an xs:int`);
    }
  }
  return [...values];
}

/**
 * `{ name: [ids], nameNSizeIs: n }` for a non-empty id list (keys in schema order, the count as
 * in WFM's filters), else `{}`.
 */
export function idList(
  name: string,
  values: readonly number[] | undefined,
): Record<string, unknown> {
  const checked = ids(name, values);
  return checked === undefined ? {} : { [name]: checked, [`${name}NSizeIs`]: checked.length };
}
