/**
 * `npm run codegen`: runs graphql-codegen with `codegen.ts`, printing nothing when it succeeds
 * (`npm start` runs it before its banner, which should be the first thing a user reads) and the
 * errors when it fails. The CLI's own `--silent` drops the errors too, hence this wrapper.
 */
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

generate({ ...config, silent: true }, true).catch((error: unknown) => {
  // An AggregateError's message already joins every error's message.
  console.error(error instanceof Error ? error.message : String(error));
  console.error('codegen failed (codegen.ts; schema/*.graphql and the examples’ documents)');
  process.exit(1);
});
