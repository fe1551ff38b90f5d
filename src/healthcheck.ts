/**
 * The container's HEALTHCHECK: `node dist/src/healthcheck.js`. Asks the gateway's own `/healthz`
 * on loopback (the slim image has no curl) and exits 0 when it answers 200 within 3 s, else 1.
 * Reads PORT (default `DEFAULTS.PORT`) the way the gateway does; uses node:http, not fetch.
 */
import { get } from 'node:http';
import { DEFAULTS } from './config/defaults.js';

const port = Number(process.env['PORT'] || DEFAULTS.PORT);
const request = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 3_000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
