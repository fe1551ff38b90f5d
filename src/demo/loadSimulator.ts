/**
 * Demo mode's one way to the simulator: `@genesys-gateway/simulator` (the workspace package in
 * simulator/, a dev dependency of the root), loaded only when demo mode starts. The gateway's
 * source imports nothing else from it (eslint.config.js) and its production build contains none
 * of it: the specifier is a variable, so TypeScript neither follows nor compiles the package, and
 * a production install (`npm ci --omit=dev`) does not have it.
 */

/** The name demo mode loads the simulator by. */
export const SIMULATOR_PACKAGE = '@genesys-gateway/simulator';

/** What demo mode asks of the simulator. */
export interface DemoSimulatorOptions {
  port: number;
  apiKey: string | null;
  agents: number;
  rateLimitPerMinute: number;
}

/** What demo mode uses of a running simulator. */
export interface DemoSimulator {
  readonly url: string;
  readonly authUrl: string;
  readonly wfmUrl: string;
  readonly locatorUrl: string;
  /** Genesys Cloud Platform API base (`…/api/v2`) and login service base, same port. */
  readonly cloudApiUrl: string;
  readonly cloudLoginUrl: string;
  /** A token of a seeded user, without the HTTP pipeline (what `POST /__admin/tokens` answers). */
  mintToken(
    platform: 'engage' | 'cloud',
    user: string,
  ): { readonly access_token: string; readonly expires_in: number };
  close(): Promise<void>;
}

type StartSimulator = (options: DemoSimulatorOptions) => Promise<DemoSimulator>;

/** Raised when demo mode is asked for and the simulator package cannot be loaded. */
export class SimulatorUnavailableError extends Error {
  override readonly name = 'SimulatorUnavailableError';
}

/**
 * Loads the simulator package and returns its `startSimulator`.
 * @param load the module loader; tests pass one that fails.
 * @throws SimulatorUnavailableError naming what is missing and what to do instead.
 */
export async function loadSimulator(
  load: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<StartSimulator> {
  let loaded: unknown;
  try {
    loaded = await load(SIMULATOR_PACKAGE);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SimulatorUnavailableError(
      `demo mode needs the simulator (${SIMULATOR_PACKAGE}, a development dependency), which ` +
        `could not be loaded: ${reason}. Run the demo from a full checkout with \`npm install\` ` +
        'and `npm start`, or point the gateway at Genesys with GENESYS_AUTH_URL, GENESYS_WFM_URL ' +
        'and GENESYS_WFM_LOCATOR_URL.',
      { cause: error },
    );
  }
  const start = (loaded as { startSimulator?: unknown } | null)?.startSimulator;
  if (typeof start !== 'function') {
    throw new SimulatorUnavailableError(
      `${SIMULATOR_PACKAGE} was loaded but exports no startSimulator function`,
    );
  }
  return start as StartSimulator;
}
