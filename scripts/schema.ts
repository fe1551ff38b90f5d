/**
 * `npm run schema:print` writes the merged SDL to `schema.graphql` and the federation subgraph SDL
 * to `schema.subgraph.graphql` (commit both with the change);
 * `npm run schema:check` compares the current schema with the committed `schema.graphql` and
 * exits 1 on breaking changes, listing them. Additions and other safe changes pass (print the
 * schema again to commit them).
 */
import { writeFileSync } from 'node:fs';
import {
  breakingChanges,
  COMMITTED_SCHEMA_PATH,
  committedSdl,
  describeChanges,
  printSdl,
  printSubgraphSdl,
  SUBGRAPH_SCHEMA_PATH,
} from './schemaCheck.js';

async function main(command: string | undefined): Promise<number> {
  if (command === 'print') {
    writeFileSync(COMMITTED_SCHEMA_PATH, printSdl());
    console.log(`wrote ${COMMITTED_SCHEMA_PATH}`);
    writeFileSync(SUBGRAPH_SCHEMA_PATH, printSubgraphSdl());
    console.log(`wrote ${SUBGRAPH_SCHEMA_PATH}`);
    return 0;
  }
  if (command === 'check') {
    const committed = committedSdl();
    if (committed === null) {
      console.error(`no ${COMMITTED_SCHEMA_PATH}: run npm run schema:print and commit it`);
      return 1;
    }
    const breaking = await breakingChanges(committed);
    if (breaking.length > 0) {
      console.error(`${breaking.length} breaking change(s) against schema.graphql:`);
      console.error(describeChanges(breaking));
      return 1;
    }
    const upToDate =
      committed === printSdl() && committedSdl(SUBGRAPH_SCHEMA_PATH) === printSubgraphSdl();
    console.log(
      upToDate
        ? 'schema.graphql and schema.subgraph.graphql are up to date; no breaking changes'
        : 'no breaking changes; schema.graphql or schema.subgraph.graphql differs (run npm run schema:print to commit the additions)',
    );
    return 0;
  }
  console.error('usage: tsx scripts/schema.ts print|check');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
