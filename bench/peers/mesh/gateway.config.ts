/**
 * Hive Gateway serving the Mesh composition (`supergraph.graphql`, written by `mesh-compose`).
 *
 * - `PEER_CACHE=1` turns on Hive Gateway's response cache, one session per `Authorization`
 *   header (so one caller never gets another's answer), TTL `PEER_CACHE_TTL_MS` (default 5 min, so
 *   that 200 callers warmed one after another in about a minute are all still warm when measured).
 * - WFM SOAP sessions: the config and schedule services want the `SessionID` that OpenSession
 *   handed out in their URL (the WSDL address has none). Mesh composes fixed endpoints, so the
 *   caller sends the session id in `x-wfm-session` and the plugin below appends it to every SOAP
 *   call. The client does the LocateServer → OpenSession handshake itself, through this gateway.
 */
import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';

const cache = process.env.PEER_CACHE === '1';
const ttlMs = Number(process.env.PEER_CACHE_TTL_MS ?? 300_000);

function wfmSessionUrl(): GatewayPlugin {
  return {
    onFetch({ url, setURL, context }) {
      const headers = (context as { headers?: Record<string, string | undefined> }).headers;
      const session = headers?.['x-wfm-session'];
      if (session && url.includes('?Handler=') && !url.includes('SessionID=')) {
        setURL(`${url}&SessionID=${encodeURIComponent(session)}`);
      }
    },
  };
}

export const gatewayConfig = defineConfig({
  supergraph: process.env.PEER_SUPERGRAPH ?? './supergraph.graphql',
  logging: process.env.PEER_LOG_LEVEL ?? 'info',
  plugins: () => [wfmSessionUrl()],
  ...(cache
    ? {
        responseCaching: {
          session: (request: Request) => request.headers.get('authorization'),
          ttl: ttlMs,
        },
      }
    : {}),
});
