import { expect } from 'vitest';
import { ConfigErrors, loadConfig, type ConfigError } from '../../../src/config.js';

/** `loadConfig` over exactly `env` (no process environment), with a fixed generated secret. */
export function load(env: Record<string, string | undefined>, envFile: string | null = null) {
  return loadConfig({ env, envFile, randomSecret: () => 'r'.repeat(64) });
}

/** What `fn` throws, which must be ConfigErrors. */
export function configErrors(fn: () => unknown): ConfigErrors {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigErrors) return error;
    throw error;
  }
  throw new Error('expected ConfigErrors');
}

/** The one problem `fn` reports (it must report exactly one). */
export function configError(fn: () => unknown): ConfigError {
  const all = configErrors(fn);
  expect(all.variables).toHaveLength(1);
  expect(all.message).toBe(all.errors[0]?.message);
  return all.errors[0] as ConfigError;
}
