/**
 * OpenTelemetry for a test file: the gateway's own `startTracing` with its spans kept in memory
 * (`InMemorySpanExporter` behind a `SimpleSpanProcessor`) instead of exported. Registers the
 * global provider for the file's worker; pass {@link TRACING_ENV} to `startTestGateway({ env })`
 * so the gateway is built with tracing on, as `npm start` is with OTEL_EXPORTER_OTLP_ENDPOINT.
 */
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { loadConfig } from '../../src/config.js';
import { startTracing } from '../../src/tracing/startTracing.js';

/**
 * Turns tracing on. The endpoint is never contacted: the harness's spans go to memory. Port 9
 * (discard) on loopback, so a mistake could reach nothing else.
 */
export const TRACING_ENV: Readonly<Record<string, string>> = {
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
};

/** The spans of a test file. */
export interface InMemoryTracing {
  readonly exporter: InMemorySpanExporter;
  /** Every span finished since the last `reset()`. */
  spans(): ReadableSpan[];
  reset(): void;
  close(): Promise<void>;
}

export async function startInMemoryTracing(): Promise<InMemoryTracing> {
  const exporter = new InMemorySpanExporter();
  const config = loadConfig({ env: { ...TRACING_ENV }, envFile: null }).tracing;
  const handle = await startTracing(config, {
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    close: () => handle.shutdown(),
  };
}

/**
 * Everything a span carries that an exporter would send, as text: name, attributes, events with
 * their attributes, status, links, resource and scope. What a canary search reads.
 */
export function spanText(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
    resource: span.resource.attributes,
    scope: span.instrumentationScope,
  });
}

/** The spans whose parent is `parent`. */
export function childrenOf(spans: readonly ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  const id = parent.spanContext().spanId;
  return spans.filter((s) => s.parentSpanContext?.spanId === id);
}
