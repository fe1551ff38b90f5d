/**
 * Helpers that turn an upstream answer (records in the upstream's order) into what DataLoader
 * requires: one value per key, in the keys' order.
 */

/** The record with each key's id, or null when the upstream did not return one. */
export function alignById<R>(
  ids: readonly number[],
  records: readonly R[],
  idOf: (record: R) => number,
): (R | null)[] {
  const byId = new Map<number, R>();
  for (const record of records) byId.set(idOf(record), record);
  return ids.map((id) => byId.get(id) ?? null);
}

/** The records belonging to each key (an empty array for a key with none), upstream order kept. */
export function alignGroups<R>(
  keys: readonly number[],
  records: readonly R[],
  keyOf: (record: R) => number | null,
): R[][] {
  const groups = new Map<number, R[]>();
  for (const key of keys) groups.set(key, []);
  for (const record of records) {
    const key = keyOf(record);
    if (key !== null) groups.get(key)?.push(record);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Splits `items` into consecutive chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
