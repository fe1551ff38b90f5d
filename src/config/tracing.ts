import { ConfigError } from './ConfigError.js';
import { DEFAULTS } from './defaults.js';
import { show, type EnvReader } from './read.js';
import {
  OTLP_PROTOCOLS,
  TRACE_SAMPLERS,
  type OtlpProtocol,
  type TraceSampler,
  type TracingConfig,
} from '../types/TracingConfig.js';

export type { TracingConfig } from '../types/TracingConfig.js';

/** Reads the `OTEL_*` variables the gateway passes to the OpenTelemetry SDK (see {@link TracingConfig}). */
export function readTracingConfig(read: EnvReader): TracingConfig {
  const base = read.url('OTEL_EXPORTER_OTLP_ENDPOINT', { allowQuery: false });
  const traces = read.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', { allowQuery: false });
  const tracesUrl = traces ?? (base === undefined ? null : `${base}/v1/traces`);
  const disabled = read.bool('OTEL_SDK_DISABLED', false);
  const protocol =
    readProtocol(read, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    readProtocol(read, 'OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf';
  const headers =
    readPairs(read, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS', true) ??
    readPairs(read, 'OTEL_EXPORTER_OTLP_HEADERS', true) ??
    {};
  const exportTimeoutMs = read.int(
    'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
    read.int('OTEL_EXPORTER_OTLP_TIMEOUT', DEFAULTS.OTEL_EXPORTER_OTLP_TIMEOUT, 1, 600_000),
    1,
    600_000,
  );
  const resourceAttributes = readPairs(read, 'OTEL_RESOURCE_ATTRIBUTES', false) ?? {};
  // The specification: OTEL_SERVICE_NAME wins over a service.name in OTEL_RESOURCE_ATTRIBUTES.
  const serviceName =
    read.raw('OTEL_SERVICE_NAME') ??
    resourceAttributes['service.name'] ??
    DEFAULTS.OTEL_SERVICE_NAME;
  const sampler = read.oneOf<TraceSampler>(
    'OTEL_TRACES_SAMPLER',
    TRACE_SAMPLERS,
    'parentbased_always_on',
  );
  return {
    enabled: tracesUrl !== null && !disabled,
    tracesUrl,
    protocol,
    headers,
    exportTimeoutMs,
    serviceName,
    resourceAttributes,
    sampler,
    samplerRatio: readRatio(read, 'OTEL_TRACES_SAMPLER_ARG'),
  };
}

function readProtocol(read: EnvReader, name: string): OtlpProtocol | undefined {
  const value = read.raw(name);
  if (value === undefined) return undefined;
  if (value === 'grpc') {
    read.report(
      new ConfigError(
        name,
        'must be http/protobuf or http/json (this gateway bundles the OTLP/HTTP exporters; point it at the collector’s HTTP port, usually 4318)',
        show(value),
      ),
    );
    return undefined;
  }
  return read.oneOf<OtlpProtocol>(name, OTLP_PROTOCOLS, 'http/protobuf');
}

/**
 * A W3C-Baggage-like list `key=value,key2=value2` with URL-encoded values, as the specification
 * defines for OTEL_RESOURCE_ATTRIBUTES and OTEL_EXPORTER_OTLP_HEADERS. Header values are
 * credentials (an API key of the collector), so a bad one is never echoed.
 */
function readPairs(
  read: EnvReader,
  name: string,
  secret: boolean,
): Record<string, string> | undefined {
  const value = read.raw(name);
  if (value === undefined) return undefined;
  const pairs: Record<string, string> = {};
  for (const item of value.split(',')) {
    if (item.trim() === '') continue;
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    let decoded: string | undefined;
    try {
      decoded = at > 0 ? decodeURIComponent(item.slice(at + 1).trim()) : undefined;
    } catch {
      decoded = undefined;
    }
    if (key === '' || decoded === undefined || !/^[\x21-\x7e]+$/.test(key)) {
      read.report(
        new ConfigError(
          name,
          'must be a comma-separated list of key=value pairs (values URL-encoded)',
          secret ? `a value of ${value.length} characters (not shown)` : show(value),
        ),
      );
      return undefined;
    }
    pairs[key] = decoded;
  }
  return pairs;
}

function readRatio(read: EnvReader, name: string): number {
  const value = read.raw(name);
  if (value === undefined) return 1;
  const ratio = /^(?:0|1|0?\.\d+|1\.0*)$/.test(value) ? Number(value) : Number.NaN;
  if (!(ratio >= 0 && ratio <= 1)) {
    read.report(new ConfigError(name, 'must be a number from 0 to 1', show(value)));
    return 1;
  }
  return ratio;
}
