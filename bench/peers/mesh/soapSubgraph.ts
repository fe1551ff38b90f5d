/**
 * A GraphQL Mesh v1 compose source for one WFM SOAP service, from the WSDL the simulator serves.
 *
 * Why not `loadSOAPSubgraph` from `@omnigraph/soap`: the npm registry this bench installs from
 * carries `@omnigraph/soap` only up to 0.96.0, which predates the Mesh v1 compose entry point and
 * two things the runtime transport (`@graphql-mesh/transport-soap` 0.13, which Hive Gateway loads
 * for `@transport(kind: "soap")`) needs. So this file uses 0.96.0's own `SOAPLoader` (the WSDL →
 * GraphQL translation is Mesh's, untouched) and adds only:
 *
 * 1. namespace aliases of every URI form: 0.96.0 keeps only `xmlns:*` values starting with
 *    `http`, so `xmlns:tns="urn:WFMConfigService850"` (the real WFM namespaces are `urn:<Service>`)
 *    fails with "Namespace alias: tns is undefined!"; later Mesh releases accept any URI;
 * 2. the `@soap` arguments and the `@transport` directive the current transport reads: the SOAP
 *    1.1 envelope namespace (without it the transport falls back to SOAP 1.2, which WFM 8.5 and
 *    the simulator refuse), the SOAPAction of the WSDL binding, and the operation headers — the
 *    caller's `Authorization`, forwarded on every SOAP call.
 */
import { getDirectiveExtensions, MapperKind, mapSchema } from '@graphql-tools/utils';
import { SOAPLoader } from '@omnigraph/soap';
import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfigArgumentMap,
} from 'graphql';

const SOAP_11_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';

/** `@soap` with the arguments the current transport reads (0.96.0 declares only the first three). */
const SOAP_ARGS = [
  'elementName',
  'bindingNamespace',
  'endpoint',
  'subgraph',
  'soapNamespace',
  'soapAction',
];
const soapDirective = new GraphQLDirective({
  name: 'soap',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: Object.fromEntries(
    SOAP_ARGS.map((name) => [name, { type: GraphQLString }]),
  ) as GraphQLFieldConfigArgumentMap,
});

/** What Mesh compose hands a source handler. */
interface SourceContext {
  fetch: (url: string) => Response | Promise<Response>;
  cwd: string;
  logger?: unknown;
}

/** 0.96.0's loader with namespace aliases of any URI form (see point 1 above). */
class AnyUriSoapLoader extends SOAPLoader {
  override getAliasMapFromAttributes(attributes: object): Map<string, string> {
    const aliases = new Map<string, string>();
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (name !== 'targetNamespace' && typeof value === 'string') aliases.set(name, value);
    }
    return aliases;
  }
}

/**
 * The compose `sourceHandler` of the SOAP service `service` whose WSDL is at `wsdlUrl`; every
 * operation is sent with the headers in `operationHeaders` (Mesh string interpolation).
 */
export function wfmSoapSubgraph(
  service: string,
  wsdlUrl: string,
  operationHeaders: Record<string, string>,
) {
  return (ctx: SourceContext) => ({
    name: service,
    schema$: (async (): Promise<GraphQLSchema> => {
      const response = await ctx.fetch(wsdlUrl);
      if (!response.ok) throw new Error(`${wsdlUrl} answered ${response.status}`);
      const wsdl = await response.text();
      // 0.96.0's typings lack `subgraphName`, which its loader reads.
      const options: object = { subgraphName: service, fetch: ctx.fetch, cwd: ctx.cwd };
      const loader = new AnyUriSoapLoader(options as ConstructorParameters<typeof SOAPLoader>[0]);
      loader.loadedLocations.set(wsdlUrl, await loader.loadWSDL(wsdl));
      return annotate(loader.buildSchema(), service, soapActions(wsdl), operationHeaders);
    })(),
  });
}

/** SOAPAction per operation name, from the binding's `<soap:operation soapAction=…>`. */
function soapActions(wsdl: string): Map<string, string> {
  const actions = new Map<string, string>();
  const operation =
    /<wsdl:operation\s+name="([^"]+)"\s*>\s*<soap:operation\s+soapAction="([^"]*)"/g;
  for (const match of wsdl.matchAll(operation)) actions.set(match[1] ?? '', match[2] ?? '');
  return actions;
}

function annotate(
  schema: GraphQLSchema,
  service: string,
  actions: Map<string, string>,
  headers: Record<string, string>,
): GraphQLSchema {
  const mapped = mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (field, fieldName) => {
      const soap = getDirectiveExtensions(field)?.soap?.[0] as Record<string, unknown> | undefined;
      if (soap === undefined) return field;
      const operation = fieldName.slice(fieldName.lastIndexOf('_') + 1);
      const directives = {
        ...getDirectiveExtensions(field),
        soap: [
          {
            ...soap,
            subgraph: service,
            soapNamespace: SOAP_11_ENVELOPE,
            soapAction: actions.get(operation) ?? '',
          },
        ],
      };
      return { ...field, astNode: undefined, extensions: { ...field.extensions, directives } };
    },
  });
  const config = mapped.toConfig();
  return new GraphQLSchema({
    ...config,
    directives: [...config.directives.filter((d) => d.name !== 'soap'), soapDirective],
    extensions: {
      ...config.extensions,
      directives: {
        ...getDirectiveExtensions(mapped),
        transport: [{ kind: 'soap', subgraph: service, headers: Object.entries(headers) }],
      },
    },
  });
}
