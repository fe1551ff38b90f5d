/**
 * P5 on its own: `NODE_OPTIONS=--expose-gc npx tsx bench/soapParse.ts` (without `--expose-gc`
 * the peak-heap column stays empty; `BENCH_QUICK=1` for fewer runs). Prints the gateway's
 * tokenizer, saxes, sax and node-soap side by side; asserts nothing. `npm run bench` runs the same
 * measurement as part of P1–P6.
 */
import { formatSoapParseRows, runSoapParseBench } from './p5SoapParse.js';

const rows = await runSoapParseBench({ quick: process.env.BENCH_QUICK === '1' });
console.log(formatSoapParseRows(rows));
