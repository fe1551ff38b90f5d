import type { DemoToken } from './demoTokens.js';

export interface BannerInput {
  mode: 'demo' | 'genesys';
  graphqlUrl: string;
  /** Null when the playground is off (PLAYGROUND_ENABLED). */
  playgroundUrl: string | null;
  /** Demo mode: the schedule board example, when built. */
  boardUrl?: string | null;
  /** Demo mode: the simulator's base URL. */
  simulatorUrl?: string;
  tokens?: readonly DemoToken[];
  /** CORS_ALLOW_LOOPBACK: pages on any loopback origin may call the gateway. */
  corsLoopback?: boolean;
  /** `GET /schema.graphql` when SCHEMA_ENDPOINT_ENABLED. */
  schemaUrl?: string | null;
}

/** The start-up text of `npm start`: where to go, and in demo mode tokens and a ready curl command. */
export function formatBanner(input: BannerInput): string {
  const lines = [
    `Genesys GraphQL gateway ${input.mode === 'demo' ? 'in DEMO mode (built-in Genesys simulator)' : 'against Genesys'}`,
    '',
    `  GraphQL     ${input.graphqlUrl}`,
    `  Playground  ${input.playgroundUrl ?? 'off (PLAYGROUND_ENABLED=true turns it on)'}`,
  ];
  if (input.boardUrl) lines.push(`  Board       ${input.boardUrl}  (schedule board example)`);
  if (input.simulatorUrl) lines.push(`  Simulator   ${input.simulatorUrl}`);
  lines.push(
    input.corsLoopback
      ? '  CORS        http://localhost:* and http://127.0.0.1:* may call the gateway (a dev server on any port)'
      : '  CORS        only CORS_ORIGINS may call the gateway from a browser page of another origin',
  );
  if (input.schemaUrl) lines.push(`  SDL         ${input.schemaUrl}  (for codegen)`);
  const tokens = input.tokens ?? [];
  if (tokens.length > 0) {
    const minutes = Math.floor(Math.min(...tokens.map((t) => t.expiresInSec)) / 60);
    lines.push('', `  Demo tokens (valid ${minutes} min; send as Authorization: Bearer <token>):`);
    const width = Math.max(...tokens.map((t) => t.user.length));
    for (const t of tokens) lines.push(`    ${t.user.padEnd(width)}  ${t.accessToken}`);
    const first = tokens[0] as DemoToken;
    const query = JSON.stringify({
      query: '{ me { user { username } wfmUser { id type name } } sites { id name timeZone } }',
    });
    lines.push(
      '',
      `  Try it (as ${first.user}):`,
      `    curl -s ${input.graphqlUrl} \\`,
      `      -H 'content-type: application/json' \\`,
      `      -H 'authorization: Bearer ${first.accessToken}' \\`,
      `      -d '${query}'`,
    );
  }
  lines.push('', '  Ctrl+C stops.');
  return lines.join('\n');
}
