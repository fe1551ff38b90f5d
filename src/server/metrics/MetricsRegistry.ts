/** A Prometheus metric type as written in `# TYPE`. */
export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Label values by label name. */
export type Labels = Readonly<Record<string, string>>;

/** One value a collector reports at scrape time. */
export interface Sample {
  labels?: Labels;
  value: number;
}

/** A counter: only goes up. */
export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

/** A gauge: set, or moved up and down. */
export interface Gauge {
  set(labels: Labels | undefined, value: number): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

/** A histogram with fixed upper bounds (`le`), in the metric's unit (seconds for durations). */
export interface Histogram {
  observe(labels: Labels | undefined, value: number): void;
}

/** Options of {@link MetricsRegistry}. */
export interface MetricsRegistryOptions {
  /**
   * Most label sets one metric keeps (count); a new label set beyond it is not recorded and is
   * counted in `gateway_metrics_dropped_samples_total` instead. Guards against data in a label.
   * Default 500.
   */
  maxSeriesPerMetric?: number;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  render(lines: string[]): void;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Process-wide metrics in the Prometheus text exposition format (version 0.0.4), with no
 * dependency. Two ways to add a metric:
 *
 * - instruments (`counter`, `gauge`, `histogram`) that code updates as things happen;
 * - collectors (`collect`) that read state somebody else owns at scrape time, e.g. the upstream
 *   counters or a cache's size. This is the extension point for later series, e.g. breaker state:
 *
 * ```ts
 * registry.collect('gateway_upstream_circuit_state', 'Circuit breaker state per back end: 0 closed, 1 half-open, 2 open.',
 *   'gauge', () => breakers.map((b) => ({ labels: { service: b.service }, value: b.stateCode })));
 * ```
 *
 * Names are checked once at registration (a duplicate name throws); every metric keeps at most
 * `maxSeriesPerMetric` label sets. `render()` never throws: a collector that fails is skipped
 * and counted in `gateway_metrics_collector_errors_total`.
 */
export class MetricsRegistry {
  readonly #families = new Map<string, Family>();
  readonly #maxSeries: number;
  #dropped = 0;
  #collectorErrors = 0;

  constructor(options: MetricsRegistryOptions = {}) {
    this.#maxSeries = options.maxSeriesPerMetric ?? 500;
  }

  /** Registers a counter with these label names. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    const series = this.#series(name, help, 'counter', labelNames);
    return {
      inc: (labels, by = 1) => {
        if (by < 0 || !Number.isFinite(by)) return;
        series.update(labels, (v) => v + by);
      },
    };
  }

  /** Registers a gauge with these label names. */
  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    const series = this.#series(name, help, 'gauge', labelNames);
    return {
      set: (labels, value) => series.update(labels, () => value),
      inc: (labels, by = 1) => series.update(labels, (v) => v + by),
      dec: (labels, by = 1) => series.update(labels, (v) => v - by),
    };
  }

  /** Registers a histogram with ascending upper bounds (`+Inf` is added). */
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ): Histogram {
    const bounds = [...buckets].sort((a, b) => a - b);
    const series = new Map<
      string,
      { labels: string; counts: number[]; sum: number; count: number }
    >();
    this.#register({
      name,
      help,
      type: 'histogram',
      render: (lines) => {
        for (const s of series.values()) {
          let cumulative = 0;
          bounds.forEach((le, i) => {
            cumulative += s.counts[i] ?? 0;
            lines.push(`${name}_bucket${braces(s.labels, `le="${le}"`)} ${cumulative}`);
          });
          lines.push(`${name}_bucket${braces(s.labels, 'le="+Inf"')} ${s.count}`);
          lines.push(`${name}_sum${braces(s.labels)} ${s.sum}`);
          lines.push(`${name}_count${braces(s.labels)} ${s.count}`);
        }
      },
    });
    checkLabelNames(name, labelNames);
    return {
      observe: (labels, value) => {
        if (!Number.isFinite(value)) return;
        const key = labelText(labelNames, labels);
        let s = series.get(key);
        if (!s) {
          if (series.size >= this.#maxSeries) {
            this.#dropped += 1;
            return;
          }
          s = { labels: key, counts: bounds.map(() => 0), sum: 0, count: 0 };
          series.set(key, s);
        }
        const index = bounds.findIndex((le) => value <= le);
        if (index >= 0) s.counts[index] = (s.counts[index] ?? 0) + 1;
        s.sum += value;
        s.count += 1;
      },
    };
  }

  /** Registers a metric whose samples `collect` reads at scrape time (state owned elsewhere). */
  collect(
    name: string,
    help: string,
    type: Exclude<MetricType, 'histogram'>,
    collect: () => Iterable<Sample>,
  ): void {
    this.#register({
      name,
      help,
      type,
      render: (lines) => {
        let samples: Sample[];
        try {
          samples = [...collect()].slice(0, this.#maxSeries);
        } catch {
          this.#collectorErrors += 1;
          return;
        }
        for (const sample of samples) {
          const labels = sample.labels ?? {};
          lines.push(
            `${name}${braces(labelText(Object.keys(labels), labels))} ${formatValue(sample.value)}`,
          );
        }
      },
    });
  }

  /** The whole exposition text (ends with a newline). */
  render(): string {
    const lines: string[] = [];
    const write = (name: string, help: string, type: MetricType, body: string[]) =>
      lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`, ...body);
    for (const family of this.#families.values()) {
      const body: string[] = [];
      family.render(body);
      write(family.name, family.help, family.type, body);
    }
    // The registry's own counters come last, so they include what this scrape met.
    write(
      'gateway_metrics_dropped_samples_total',
      'Samples not recorded because their metric already had the most label sets allowed.',
      'counter',
      [`gateway_metrics_dropped_samples_total ${this.#dropped}`],
    );
    write(
      'gateway_metrics_collector_errors_total',
      'Collector calls that threw (their series were left out of that scrape).',
      'counter',
      [`gateway_metrics_collector_errors_total ${this.#collectorErrors}`],
    );
    return `${lines.join('\n')}\n`;
  }

  #series(name: string, help: string, type: MetricType, labelNames: readonly string[]) {
    checkLabelNames(name, labelNames);
    const values = new Map<string, number>();
    this.#register({
      name,
      help,
      type,
      render: (lines) => {
        for (const [labels, value] of values)
          lines.push(`${name}${braces(labels)} ${formatValue(value)}`);
      },
    });
    return {
      update: (labels: Labels | undefined, next: (value: number) => number) => {
        const key = labelText(labelNames, labels);
        const current = values.get(key);
        if (current === undefined && values.size >= this.#maxSeries) {
          this.#dropped += 1;
          return;
        }
        values.set(key, next(current ?? 0));
      },
    };
  }

  #register(family: Family): void {
    if (!NAME.test(family.name))
      throw new TypeError(`MetricsRegistry: invalid metric name "${family.name}"`);
    if (this.#families.has(family.name))
      throw new TypeError(`MetricsRegistry: metric "${family.name}" is already registered`);
    this.#families.set(family.name, family);
  }
}

function checkLabelNames(name: string, labelNames: readonly string[]): void {
  for (const label of labelNames) {
    if (!LABEL.test(label) || label === 'le')
      throw new TypeError(`MetricsRegistry: invalid label name "${label}" on "${name}"`);
  }
}

/** `a="x",b="y"` in the declared order; missing labels are empty strings. */
function labelText(names: readonly string[], labels: Labels | undefined): string {
  return names.map((n) => `${n}="${escapeValue(labels?.[n] ?? '')}"`).join(',');
}

function braces(labels: string, extra?: string): string {
  const all = [labels, extra].filter((s) => s !== undefined && s !== '').join(',');
  return all === '' ? '' : `{${all}}`;
}

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
