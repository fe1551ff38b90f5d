import { timingSafeEqual } from 'node:crypto';
import type { SimUser, SimWorld } from '../data/model.js';

/**
 * Looks users up by their sign-in name `tenant\userName` (both parts case-insensitive, as
 * Configuration Server user names are) and verifies passwords.
 */
export class UserDirectory {
  readonly #byName = new Map<string, SimUser>();

  constructor(world: SimWorld) {
    for (const user of world.users) this.#byName.set(key(user.tenant, user.userName), user);
  }

  /**
   * The user signing in as `tenant\userName` with `password`, or null. A name without a tenant
   * uses `defaultTenant` when given (the sign-in form's `hideTenant` mode), else fails.
   */
  authenticate(signInName: string, password: string, defaultTenant?: string): SimUser | null {
    const slash = signInName.indexOf('\\');
    const tenant = slash >= 0 ? signInName.slice(0, slash) : defaultTenant;
    const userName = slash >= 0 ? signInName.slice(slash + 1) : signInName;
    if (tenant === undefined || userName === '') return null;
    const user = this.#byName.get(key(tenant, userName));
    if (!user || !samePassword(user.password, password)) return null;
    return user;
  }
}

function key(tenant: string, userName: string): string {
  return `${tenant.toLowerCase()}\\${userName.toLowerCase()}`;
}

/** Constant-time comparison, so the simulator does not teach timing-leaky habits. */
export function samePassword(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
