import type { SimWorld } from '../data/model.js';
import type { SimulatorSettings } from '../settings.js';
import type { TokenStore } from './TokenStore.js';
import type { UserDirectory } from './UserDirectory.js';

/** What the Authentication API handlers share. */
export interface AuthDeps {
  world: SimWorld;
  tokens: TokenStore;
  users: UserDirectory;
  /** Live settings (invalid-token status, API key); read on every request. */
  settings: SimulatorSettings;
}
