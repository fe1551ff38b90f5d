/**
 * `npm run simulator`: the Genesys simulator alone, for client developers and benchmarks.
 * Reads SIMULATOR_PORT (default 4010), SIMULATOR_HOST (127.0.0.1), SIMULATOR_AGENTS (60),
 * SIMULATOR_RATE_LIMIT (300 per minute, 0 = off) and SIMULATOR_ADVERTISED_URL (optional).
 */
import { startSimulator, type SimulatorOptions } from './createSimulator.js';
import { DEMO_PASSWORD, DEMO_TENANT } from './data/organization.js';

/** SOAP services whose handlers and WSDLs the simulator serves. */
const SOAP_SERVICES = [
  'WFMLocatorService800',
  'WFMSessionService800',
  'WFMConfigService850',
  'WFMScheduleService852',
];

function readInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function readOptions(): SimulatorOptions {
  const advertised = process.env.SIMULATOR_ADVERTISED_URL;
  if (advertised !== undefined && advertised !== '' && !/^https?:\/\/[^\s]+$/.test(advertised)) {
    throw new Error(`SIMULATOR_ADVERTISED_URL must be an http(s) URL; got "${advertised}"`);
  }
  return {
    port: readInt('SIMULATOR_PORT', 4010, 0, 65535),
    host: process.env.SIMULATOR_HOST || '127.0.0.1',
    agents: readInt('SIMULATOR_AGENTS', 60, 0, 100_000),
    rateLimitPerMinute: readInt('SIMULATOR_RATE_LIMIT', 300, 0, 1_000_000_000),
    ...(advertised ? { advertisedBaseUrl: advertised } : {}),
  };
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`simulator: ${(error as Error).message}`);
    process.exit(1);
  }
  const sim = await startSimulator(options);
  const base = options.advertisedBaseUrl ?? sim.url;
  const users = sim.world.users;
  const numbered = users.filter((u) => /^agent\d+$/.test(u.userName));
  const lines = [
    `Genesys simulator listening on ${sim.url}`,
    '',
    `  Authentication API v3   ${sim.authUrl}   (sign-in form: ${sim.authUrl}/oauth/authorize)`,
    `  WFM REST                ${sim.wfmUrl}/system/userinfo`,
    `  WFM SOAP locator        ${base}/?Handler=WFMLocatorService800`,
    ...SOAP_SERVICES.map((s) => `  WSDL ${s.padEnd(21)} ${base}/?Handler=${s}&wsdl`),
    `  Admin (loopback only)   ${sim.url}/__admin/faults | /__admin/log | /__admin/settings`,
    '',
    `  ${sim.world.sites.length} sites, ${sim.world.teams.length} teams, ${sim.world.agents.length} agents; ` +
      `rate limit ${options.rateLimitPerMinute === 0 ? 'off' : `${options.rateLimitPerMinute}/min per token`}`,
    '',
    '  Demo credentials (password grant takes tenant\\user):',
    '    OAuth client (Basic auth)          demo-client / demo-secret',
    `    supervisor, US + EU sites          ${DEMO_TENANT}\\sam.supervisor`,
    `    supervisor, APAC site only         ${DEMO_TENANT}\\pat.supervisor`,
    `    agent                              ${DEMO_TENANT}\\alex.agent`,
    `    not provisioned in WFM             ${DEMO_TENANT}\\nina.noprov`,
    numbered.length > 0
      ? `    numbered agents                    ${DEMO_TENANT}\\${numbered[0]!.userName} … ${DEMO_TENANT}\\${numbered[numbered.length - 1]!.userName}`
      : '    numbered agents                    (none: SIMULATOR_AGENTS=0)',
    `    password of every demo user        ${DEMO_PASSWORD}`,
    '',
    `  Try: curl -s -u demo-client:demo-secret -d grant_type=password -d 'username=${DEMO_TENANT}\\sam.supervisor' -d password=${DEMO_PASSWORD} ${sim.authUrl}/oauth/token`,
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nsimulator: ${signal} received, shutting down`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('simulator: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
