import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One sample line of an exposition. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/g;
const SAMPLE = new RegExp(
  `^(${NAME})(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*\\})? (\\S+)$`,
);
const NUMBER = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|[+-]Inf|NaN)$/i;

/**
 * Parses Prometheus text exposition (version 0.0.4) strictly: parse-prometheus-text-format
 * refuses a malformed line, and on top of it every sample must belong to a family declared once
 * with `# TYPE` before its samples, carry a number, and appear once. (That library's own grouping
 * mixes up the series of a labelled histogram, so the samples are read here.)
 */
export function parseExposition(text: string): MetricSample[] {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  parsePrometheusTextFormat(text);
  const typed = new Map<string, string>();
  const seen = new Set<string>();
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (kind === 'TYPE') {
        if (typed.has(name)) throw new Error(`TYPE declared twice: ${line}`);
        if (!/^(counter|gauge|histogram|summary|untyped)$/.test(rest))
          throw new Error(`unknown type: ${line}`);
        typed.set(name, rest);
      }
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText = '', value] = sample as unknown as [string, string, string, string];
    if (!NUMBER.test(value)) throw new Error(`not a number: ${line}`);
    const family = typed.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(family)) throw new Error(`sample before its # TYPE: ${line}`);
    const key = `${name}${labelText}`;
    if (seen.has(key)) throw new Error(`series given twice: ${line}`);
    seen.add(key);
    const labels: Record<string, string> = {};
    for (const [, label, raw] of labelText.matchAll(LABEL))
      labels[label as string] = (raw as string).replace(/\\(["\\n])/g, (_m, c: string) =>
        c === 'n' ? '\n' : c,
      );
    samples.push({ name, labels, value: Number(value.replace(/^Nan$/i, 'NaN')) });
  }
  return samples;
}

/** The value of the sample of `name` whose labels are exactly `labels`. */
export function sampleValue(
  samples: readonly MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find((s) => s.name === name && sameLabels(s.labels, labels))?.value;
}

/** The histogram series of `name` whose labels (without `le`) are exactly `labels`. */
export function histogramOf(
  samples: readonly MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): { buckets: Record<string, number>; count: number; sum: number } | undefined {
  const buckets: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== `${name}_bucket`) continue;
    const { le, ...rest } = s.labels;
    if (le !== undefined && sameLabels(rest, labels)) buckets[le] = s.value;
  }
  const count = sampleValue(samples, `${name}_count`, labels);
  const sum = sampleValue(samples, `${name}_sum`, labels);
  if (count === undefined || sum === undefined) return undefined;
  return { buckets, count, sum };
}

/** How many series of `name` (for a histogram: of `name_count`) there are. */
export function seriesCount(samples: readonly MetricSample[], name: string): number {
  return samples.filter((s) => s.name === name || s.name === `${name}_count`).length;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const left = Object.entries(a);
  return left.length === Object.keys(b).length && left.every(([k, v]) => b[k] === v);
}
