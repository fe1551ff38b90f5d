/** OTEL_TRACES_SAMPLER values of the OpenTelemetry specification ("General SDK Configuration"). */
export const TRACE_SAMPLERS = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;
export type TraceSampler = (typeof TRACE_SAMPLERS)[number];

/** OTLP over HTTP: protobuf (the specification's default) or JSON. gRPC is not bundled. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/**
 * OpenTelemetry tracing, read from the standard `OTEL_*` variables (OpenTelemetry specification,
 * "Environment Variable Specification" and "OTLP Exporter Configuration"). Tracing is on when an
 * OTLP endpoint is set and OTEL_SDK_DISABLED is not true; off, the SDK is never loaded.
 */
export interface TracingConfig {
  /** True when spans are recorded and exported (an endpoint is set, the SDK not disabled). */
  readonly enabled: boolean;
  /**
   * Where spans are POSTed: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or
   * OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`; null when neither is set.
   */
  readonly tracesUrl: string | null;
  /** OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL; default `http/protobuf`. */
  readonly protocol: OtlpProtocol;
  /** OTEL_EXPORTER_OTLP_TRACES_HEADERS, else OTEL_EXPORTER_OTLP_HEADERS (`k=v,k2=v2`, URL-encoded values). */
  readonly headers: Readonly<Record<string, string>>;
  /** OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, else OTEL_EXPORTER_OTLP_TIMEOUT: deadline of one export, ms. */
  readonly exportTimeoutMs: number;
  /** OTEL_SERVICE_NAME, else `service.name` of OTEL_RESOURCE_ATTRIBUTES; default `genesys-graphql-gateway`. */
  readonly serviceName: string;
  /** OTEL_RESOURCE_ATTRIBUTES (`k=v,…`): extra resource attributes (`deployment.environment`, …). */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** OTEL_TRACES_SAMPLER; default `parentbased_always_on`. */
  readonly sampler: TraceSampler;
  /** OTEL_TRACES_SAMPLER_ARG: the ratio of the `*traceidratio` samplers, 0–1; default 1. */
  readonly samplerRatio: number;
}
