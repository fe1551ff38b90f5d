/**
 * Tracing off must cost nothing: the OpenTelemetry SDK, resources and exporters are loaded only by
 * `startTracing`'s dynamic imports (main calls it only with an OTLP endpoint set). Every other
 * module of src/ may import `@opentelemetry/api` (a no-op without an SDK) and nothing else of it,
 * except as types, which TypeScript erases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') || e.name.endsWith('.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the OpenTelemetry SDK', () => {
  it('is never imported statically by the gateway (only @opentelemetry/api is)', () => {
    const offenders: string[] = [];
    let apiUsers = 0;
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /^import\s+(type\s+)?[^;]*?from\s+'(@opentelemetry\/[^']+)'/gms,
      )) {
        if (m[2] === '@opentelemetry/api') apiUsers += 1;
        else if (m[1] === undefined) offenders.push(`${file.slice(SRC.length)}: ${m[2]}`);
      }
    }
    expect(offenders).toEqual([]);
    // The check reads real imports: the API is imported where spans are made.
    expect(apiUsers).toBeGreaterThan(2);
  });
});
