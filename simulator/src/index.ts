/**
 * @genesys-gateway/simulator: the Genesys Authentication API v3, WFM REST and WFM 8.5 SOAP played
 * on one loopback port (README.md). Demo mode, the tests and the benchmarks start it through
 * `startSimulator`; `npm run simulator` runs src/main.ts.
 */
export {
  startSimulator,
  FaultController,
  RequestLog,
  type Simulator,
  type SimulatorOptions,
  type SimulatorSettings,
  type FaultRule,
  type FaultKind,
  type ActiveFaultRule,
  type RequestLogFilter,
} from './createSimulator.js';
export { hashToken } from './auth/bearer.js';
export { DEMO_PASSWORD, DEMO_TENANT } from './data/organization.js';
export { DEFAULT_AGENTS } from './data/seed.js';
export type { SimUser, SimWorld } from './data/model.js';
export type { SimLogEntry } from './types.js';
