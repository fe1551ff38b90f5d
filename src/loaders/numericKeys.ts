import type DataLoader from 'dataloader';
import type { WfmId } from '../types/WfmRecords.js';
import type { KeyedLoader } from './Loaders.js';

/**
 * An Engage loader (WFM integer ids) behind the platform-neutral `KeyedLoader` interface. The
 * Engage `IdFormat` only ever yields integers, so a string key here is a wiring error of the
 * gateway (a Cloud id reaching Engage loaders): it fails its own position, never calls WFM.
 *
 * @param toNumeric the key with integer ids, or null when it holds any other id.
 */
export function numericKeys<K, NK, V>(
  loader: DataLoader<NK, V, unknown>,
  toNumeric: (key: K) => NK | null,
): KeyedLoader<K, V> {
  const load = (key: K): Promise<V> => {
    const numeric = toNumeric(key);
    return numeric === null ? Promise.reject(notNumeric()) : loader.load(numeric);
  };
  return {
    load,
    loadMany: async (keys) => {
      const numeric = keys.map(toNumeric);
      if (numeric.every((k): k is NK => k !== null)) return loader.loadMany(numeric);
      return Promise.all(keys.map((key) => load(key).catch((error: Error) => error)));
    },
  };
}

/** `numericKeys`' converter for plain ids. */
export function integerId(id: WfmId): number | null {
  return typeof id === 'number' ? id : null;
}

function notNumeric(): Error {
  return new TypeError('Engage loaders take WFM integer ids; a non-integer id reached them');
}
