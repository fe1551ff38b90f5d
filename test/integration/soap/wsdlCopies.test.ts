/**
 * The gateway bundles the Genesys WSDL files (src/upstream/engage/soap/wsdl/) and the simulator
 * package serves its own copy (simulator/src/soap/wsdl/): the two packages share no file, so this
 * keeps the copies equal, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const GATEWAY = fileURLToPath(new URL('../../../src/upstream/engage/soap/wsdl/', import.meta.url));
const SIMULATOR = fileURLToPath(new URL('../../../simulator/src/soap/wsdl/', import.meta.url));
const wsdls = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.wsdl'))
    .sort();

describe('the WSDL copies of the gateway and the simulator', () => {
  it('name the same four services', () => {
    expect(wsdls(GATEWAY)).toHaveLength(4);
    expect(wsdls(SIMULATOR)).toEqual(wsdls(GATEWAY));
  });

  it.each(wsdls(GATEWAY))('%s is the same text in both', (file) => {
    expect(readFileSync(SIMULATOR + file, 'utf8')).toBe(readFileSync(GATEWAY + file, 'utf8'));
  });
});
