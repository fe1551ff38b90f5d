import { createHash } from 'node:crypto';

/**
 * A stable UUID (version-4 layout) for a seeded object, e.g. `cloudId('user', 1001)`: Genesys
 * Cloud ids are GUIDs, and the same world must give the same ids on every run.
 */
export function cloudId(kind: string, key: number | string): string {
  const hex = createHash('sha256').update(`genesys-sim:${kind}:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
