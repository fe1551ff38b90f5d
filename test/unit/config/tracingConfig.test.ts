import { describe, expect, it } from 'vitest';
import { configError, load } from './configSupport.js';

describe('OpenTelemetry tracing (OTEL_*)', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(load({}).tracing).toMatchObject({ enabled: false, tracesUrl: null });
  });

  it('follows the specification: base endpoint + /v1/traces, the traces endpoint as given', () => {
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318/' }).tracing).toMatchObject({
      enabled: true,
      tracesUrl: 'http://otel:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: 'genesys-graphql-gateway',
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
      exportTimeoutMs: 10_000,
    });
    expect(
      load({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/custom/path',
      }).tracing.tracesUrl,
    ).toBe('https://traces.example.com/custom/path');
  });

  it('is off with OTEL_SDK_DISABLED=true even with an endpoint', () => {
    const config = load({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
      OTEL_SDK_DISABLED: 'true',
    });
    expect(config.tracing.enabled).toBe(false);
  });

  it('reads the service name, resource attributes, headers, sampler and timeouts', () => {
    const { tracing } = load({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs,deployment.environment=prod%20eu',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D,tenant=t1',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2500',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    expect(tracing).toMatchObject({
      serviceName: 'from-attrs',
      resourceAttributes: { 'service.name': 'from-attrs', 'deployment.environment': 'prod eu' },
      headers: { 'x-api-key': 'abc=', tenant: 't1' },
      exportTimeoutMs: 2500,
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
      protocol: 'http/json',
    });
    // OTEL_SERVICE_NAME wins over service.name in the resource attributes.
    expect(
      load({ OTEL_SERVICE_NAME: 'gw', OTEL_RESOURCE_ATTRIBUTES: 'service.name=other' }).tracing
        .serviceName,
    ).toBe('gw');
  });

  it('refuses grpc, naming the HTTP alternative', () => {
    const e = configError(() => load({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }));
    expect(e.variable).toBe('OTEL_EXPORTER_OTLP_PROTOCOL');
    expect(e.message).toMatch(/http\/protobuf/);
  });

  it('refuses a malformed header list without echoing it (it holds credentials)', () => {
    const e = configError(() =>
      load({ OTEL_EXPORTER_OTLP_HEADERS: 'secret-api-key-without-equals' }),
    );
    expect(e.variable).toBe('OTEL_EXPORTER_OTLP_HEADERS');
    expect(e.message).not.toContain('secret-api-key');
  });

  it('refuses a sampler ratio outside 0–1 and an unknown sampler', () => {
    expect(configError(() => load({ OTEL_TRACES_SAMPLER_ARG: '1.5' })).variable).toBe(
      'OTEL_TRACES_SAMPLER_ARG',
    );
    expect(configError(() => load({ OTEL_TRACES_SAMPLER: 'sometimes' })).variable).toBe(
      'OTEL_TRACES_SAMPLER',
    );
  });
});
