/**
 * Mesh v1 composition of the peer "GraphQL Mesh + Hive Gateway": the simulator's REST calls
 * (OpenAPI description in this folder) and its four WFM SOAP services (from the WSDL each serves),
 * every upstream call carrying the caller's Authorization. `MESH_UPSTREAM_URL` is the simulator;
 * `npm run bench:peers` runs `mesh-compose` with it and serves the result with Hive Gateway.
 */
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';
import { wfmSoapSubgraph } from './soapSubgraph.ts';

const upstream = process.env.MESH_UPSTREAM_URL;
if (!upstream)
  throw new Error('MESH_UPSTREAM_URL must name the simulator, e.g. http://127.0.0.1:4010');
const forwarded = { Authorization: '{context.headers.authorization}' };
const SOAP_SERVICES = [
  'WFMLocatorService800',
  'WFMSessionService800',
  'WFMConfigService850',
  'WFMScheduleService852',
];

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('GenesysRest', {
        source: './genesys-rest.openapi.json',
        endpoint: upstream,
        operationHeaders: forwarded,
      }),
    },
    ...SOAP_SERVICES.map((service) => ({
      sourceHandler: wfmSoapSubgraph(service, `${upstream}/?Handler=${service}&wsdl`, forwarded),
    })),
  ],
});
