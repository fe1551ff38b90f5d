import { SpanKind } from '@opentelemetry/api';
import { isUpstreamError, type UpstreamService } from '../errors/UpstreamError.js';
import { ATTR, inSpan } from './spans.js';

/** Client methods that are local bookkeeping, not calls (`WfmSoapApi.dropSession`). */
const LOCAL_METHODS: ReadonlySet<string> = new Set(['dropSession']);

/**
 * The tracing layer of the upstream stack (src/createUpstreams.ts puts it outermost, and only
 * when tracing is on): every call a loader, resolver or the token check makes gets one span
 * `<service> <method>` (e.g. `wfm-soap getAgentStates`), active while the call runs, so the layers
 * below annotate it and make their own spans under it: the response cache sets `gateway.cache`
 * (hit / coalesced / miss), and each HTTP attempt that reaches Genesys is a CLIENT child span
 * (src/upstream/resilience/attemptSpans.ts) carrying the `traceparent` sent. Attributes: service,
 * operation (the method name, never data), outcome (`ok` or the `UpstreamError` kind) and the
 * HTTP status of a failure. Arguments are never recorded: they hold the caller's token.
 *
 * Generic over the client's methods, so a method added to a client interface is traced without
 * an edit here; `dropSession` (local) passes through.
 */
export function tracedClient<T extends object>(service: UpstreamService, client: T): T {
  const traced: Record<string, unknown> = {};
  for (const name of methodNames(client)) {
    const method = (client as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
    traced[name] = LOCAL_METHODS.has(name)
      ? method.bind(client)
      : (...args: unknown[]) =>
          inSpan(
            `${service} ${name}`,
            {
              kind: SpanKind.INTERNAL,
              attributes: { [ATTR.service]: service, [ATTR.operation]: name },
            },
            async (span) => {
              try {
                const value = await method.apply(client, args);
                span.setAttribute(ATTR.outcome, 'ok');
                return value;
              } catch (error) {
                span.setAttribute(ATTR.outcome, isUpstreamError(error) ? error.kind : 'ERROR');
                if (isUpstreamError(error) && error.status !== undefined)
                  span.setAttribute('http.response.status_code', error.status);
                throw error;
              }
            },
          );
  }
  return traced as T;
}

/** Own and inherited method names (class instances keep theirs on the prototype). */
function methodNames(client: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = client; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name === 'constructor') continue;
      if (typeof (client as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}
