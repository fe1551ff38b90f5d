/**
 * Starts the OpenTelemetry SDK: a Node tracer provider (AsyncLocalStorage context, W3C trace
 * context propagation) exporting over OTLP/HTTP in batches. `main.ts` calls it only when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and the SDK packages
 * are imported here dynamically, so a gateway with tracing off never loads them: `@opentelemetry/api`
 * then stays the no-op it is by default.
 */
import type * as Sdk from '@opentelemetry/sdk-trace-node';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../types/TracingConfig.js';

/** The running SDK. */
export interface TracingHandle {
  /** Exports the spans still buffered, stops the provider and unregisters it from the API. */
  shutdown(): Promise<void>;
}

/** Options of {@link startTracing}. */
export interface StartTracingOptions {
  /**
   * Where finished spans go. Default: one `BatchSpanProcessor` over the OTLP exporter of
   * `config` (its queue and delay follow OTEL_BSP_*, read by the SDK). Tests pass a
   * `SimpleSpanProcessor` over an `InMemorySpanExporter`.
   */
  spanProcessors?: SpanProcessor[];
}

/** Registers the global tracer provider and propagator; see the file comment. */
export async function startTracing(
  config: TracingConfig,
  options: StartTracingOptions = {},
): Promise<TracingHandle> {
  const sdk = await import('@opentelemetry/sdk-trace-node');
  const { defaultResource, resourceFromAttributes } = await import('@opentelemetry/resources');
  const spanProcessors = options.spanProcessors ?? [
    new sdk.BatchSpanProcessor(await createExporter(config)),
  ];
  const resource = defaultResource().merge(
    resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName }),
  );
  const provider = new sdk.NodeTracerProvider({
    resource,
    sampler: samplerOf(sdk, config),
    spanProcessors,
  });
  provider.register();
  return {
    async shutdown() {
      await provider.shutdown();
      // Unregistered again: the API is the no-op it was before (a test file's next suite, too).
      const api = await import('@opentelemetry/api');
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    },
  };
}

async function createExporter(config: TracingConfig) {
  const settings = {
    ...(config.tracesUrl === null ? {} : { url: config.tracesUrl }),
    headers: { ...config.headers },
    timeoutMillis: config.exportTimeoutMs,
  };
  if (config.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter(settings);
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter(settings);
}

/** OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG as the specification defines them. */
function samplerOf(sdk: typeof Sdk, config: TracingConfig): Sampler {
  const ratio = new sdk.TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on':
      return new sdk.AlwaysOnSampler();
    case 'always_off':
      return new sdk.AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_on':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new sdk.ParentBasedSampler({ root: ratio });
  }
}
