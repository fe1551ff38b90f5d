/**
 * P5 on its own: `npx tsx bench/soapParse.ts` (add `--expose-gc` through NODE_OPTIONS for the
 * held-heap column; `BENCH_QUICK=1` for fewer runs). Prints node-soap and the incremental reader
 * side by side; asserts nothing. `npm run bench` runs the same measurement as part of P1–P6.
 */
import { formatSoapParseRows, runSoapParseBench } from './p5SoapParse.js';

const rows = await runSoapParseBench({ quick: process.env.BENCH_QUICK === '1' });
console.log(formatSoapParseRows(rows));
