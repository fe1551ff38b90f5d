/**
 * The SDK as `npm start` runs it with OTEL_EXPORTER_OTLP_ENDPOINT: spans batched and POSTed over
 * OTLP/HTTP to `<endpoint>/v1/traces`, with the configured headers and service name, flushed on
 * shutdown; afterwards the API is a no-op again. A loopback HTTP server stands in for the collector.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { gatewayTracer } from '../../../src/tracing/spans.js';
import { startTracing } from '../../../src/tracing/startTracing.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let collector: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => collector?.close(resolve) ?? resolve(undefined));
});

async function startCollector(received: Received[]): Promise<string> {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' });
      res.end(req.headers['content-type']?.includes('json') ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => collector!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(collector!.address() as AddressInfo).port}`;
}

describe('startTracing', () => {
  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    it(`exports spans over OTLP ${protocol} to <endpoint>/v1/traces, flushed on shutdown`, async () => {
      const received: Received[] = [];
      const endpoint = await startCollector(received);
      const config = loadConfig({
        envFile: null,
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
          OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
          OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k1',
          OTEL_SERVICE_NAME: 'gateway-under-test',
        },
      }).tracing;
      const handle = await startTracing(config);
      gatewayTracer().startSpan('exported-span').end();
      await handle.shutdown();

      expect(received).toHaveLength(1);
      const [post] = received;
      expect(post!.path).toBe('/v1/traces');
      expect(post!.headers['x-collector-key']).toBe('k1');
      expect(post!.headers['content-type']).toContain(
        protocol === 'http/json' ? 'json' : 'protobuf',
      );
      // Both encodings carry the strings as such: the span's name and the service name.
      const text = post!.body.toString('latin1');
      expect(text).toContain('exported-span');
      expect(text).toContain('gateway-under-test');
      // Unregistered: spans are no-ops again.
      expect(trace.getTracer('x').startSpan('after').isRecording()).toBe(false);
    });
  }
});
