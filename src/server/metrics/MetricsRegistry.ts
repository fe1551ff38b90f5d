/*
 * Prometheus metrics through prom-client (its Registry, Counter, Gauge and Histogram and its text
 * exposition). What this file adds is what prom-client does not do: a bound on the label sets of
 * every metric (prom-client keeps every set it is given, so data in a label would grow memory
 * without end), collectors that may fail without failing the scrape, and counters that ignore a
 * negative step instead of throwing in the middle of a request. Cost, measured: bench/RESULTS.md
 * ("prom-client").
 */
import {
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
} from 'prom-client';

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

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DROPPED = 'gateway_metrics_dropped_samples_total';
const COLLECTOR_ERRORS = 'gateway_metrics_collector_errors_total';

/**
 * Process-wide metrics in the Prometheus text exposition format (version 0.0.4). Two ways to add
 * a metric:
 *
 * - instruments (`counter`, `gauge`, `histogram`) that code updates as things happen;
 * - collectors (`collect`) that read state somebody else owns at scrape time, e.g. the upstream
 *   counters or a cache's size:
 *
 * ```ts
 * registry.collect('gateway_upstream_circuit_state', 'Circuit breaker state per back end: 0 closed, 1 half-open, 2 open.',
 *   'gauge', ['service'], () => breakers.map((b) => ({ labels: { service: b.service }, value: b.stateCode })));
 * ```
 *
 * Names and label names are checked at registration (a duplicate name throws); every metric keeps
 * at most `maxSeriesPerMetric` label sets. `render()` never rejects: a collector that throws is
 * left out of that scrape and counted in `gateway_metrics_collector_errors_total`.
 */
export class MetricsRegistry {
  readonly #registry = new Registry();
  readonly #maxSeries: number;
  readonly #dropped: PromCounter;
  readonly #collectorErrors: PromCounter;

  constructor(options: MetricsRegistryOptions = {}) {
    this.#maxSeries = options.maxSeriesPerMetric ?? 500;
    // Not registered: `render` writes them last, so they include what that scrape met.
    this.#dropped = new PromCounter({
      name: DROPPED,
      help: 'Samples not recorded because their metric already had the most label sets allowed.',
      registers: [],
    });
    this.#collectorErrors = new PromCounter({
      name: COLLECTOR_ERRORS,
      help: 'Collector calls that threw (their series were left out of that scrape).',
      registers: [],
    });
  }

  /** Registers a counter with these label names. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    this.#check(name, labelNames);
    const counter = new PromCounter({ ...this.#config(name, help, labelNames) });
    const admit = this.#guard(labelNames);
    return {
      inc: (labels, by = 1) => {
        if (!(by >= 0) || !Number.isFinite(by)) return;
        const values = admit(labels);
        if (values) counter.inc(values, by);
      },
    };
  }

  /** Registers a gauge with these label names. */
  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    this.#check(name, labelNames);
    const gauge = new PromGauge({ ...this.#config(name, help, labelNames) });
    const admit = this.#guard(labelNames);
    const move = (labels: Labels | undefined, by: number): void => {
      const values = admit(labels);
      if (values && Number.isFinite(by)) gauge.inc(values, by);
    };
    return {
      set: (labels, value) => {
        const values = admit(labels);
        if (values) gauge.set(values, value);
      },
      inc: (labels, by = 1) => move(labels, by),
      dec: (labels, by = 1) => move(labels, -by),
    };
  }

  /** Registers a histogram with ascending upper bounds (`+Inf` is added). */
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ): Histogram {
    this.#check(name, labelNames);
    const histogram = new PromHistogram({
      ...this.#config(name, help, labelNames),
      buckets: [...buckets].sort((a, b) => a - b),
    });
    const admit = this.#guard(labelNames);
    return {
      observe: (labels, value) => {
        if (!Number.isFinite(value)) return;
        const values = admit(labels);
        if (values) histogram.observe(values, value);
      },
    };
  }

  /**
   * Registers a metric whose samples `collect` reads at scrape time (state owned elsewhere), with
   * these label names. At most `maxSeriesPerMetric` samples of one scrape are kept.
   */
  collect(
    name: string,
    help: string,
    type: Exclude<MetricType, 'histogram'>,
    labelNames: readonly string[],
    collect: () => Iterable<Sample>,
  ): void {
    this.#check(name, labelNames);
    const max = this.#maxSeries;
    const errors = this.#collectorErrors;
    const read = (): Sample[] | undefined => {
      try {
        return [...collect()].slice(0, max);
      } catch {
        errors.inc();
        return undefined;
      }
    };
    const labelsOf = (sample: Sample): Record<string, string> => ordered(labelNames, sample.labels);
    const config = this.#config(name, help, labelNames);
    if (type === 'gauge') {
      new PromGauge({
        ...config,
        collect() {
          this.reset();
          for (const sample of read() ?? []) this.set(labelsOf(sample), sample.value);
        },
      });
    } else {
      new PromCounter({
        ...config,
        collect() {
          this.reset();
          for (const sample of read() ?? [])
            if (sample.value >= 0) this.inc(labelsOf(sample), sample.value);
        },
      });
    }
  }

  /** The whole exposition text (ends with a newline). Never rejects. */
  async render(): Promise<string> {
    const families: string[] = [];
    for (const metric of this.#registry.getMetricsAsArray()) {
      try {
        families.push(await this.#registry.getSingleMetricAsString(metric.name));
      } catch {
        this.#collectorErrors.inc();
      }
    }
    for (const own of [this.#dropped, this.#collectorErrors]) {
      const single = new Registry();
      single.registerMetric(own);
      families.push((await single.metrics()).trimEnd());
    }
    return `${families.join('\n\n')}\n`;
  }

  #config(name: string, help: string, labelNames: readonly string[]) {
    return { name, help, labelNames: [...labelNames], registers: [this.#registry] };
  }

  /**
   * The bound on label sets: a function that gives the label values to record (in the declared
   * order, a missing label as ''), or undefined for a new set beyond the bound (counted dropped).
   */
  #guard(
    labelNames: readonly string[],
  ): (labels: Labels | undefined) => Record<string, string> | undefined {
    // Label values by label set, so a known set allocates nothing (prom-client keeps the object).
    const seen = new Map<string, Record<string, string>>();
    const none: Record<string, string> = {};
    return (labels) => {
      if (labelNames.length === 0) return none;
      const key = labelNames.map((n) => labels?.[n] ?? '').join('\u0000');
      const known = seen.get(key);
      if (known) return known;
      if (seen.size >= this.#maxSeries) {
        this.#dropped.inc();
        return undefined;
      }
      const values = ordered(labelNames, labels);
      seen.set(key, values);
      return values;
    };
  }

  #check(name: string, labelNames: readonly string[]): void {
    if (!NAME.test(name) || name === DROPPED || name === COLLECTOR_ERRORS)
      throw new TypeError(`MetricsRegistry: invalid metric name "${name}"`);
    if (this.#registry.getSingleMetric(name))
      throw new TypeError(`MetricsRegistry: metric "${name}" is already registered`);
    for (const label of labelNames) {
      if (!LABEL.test(label) || label === 'le')
        throw new TypeError(`MetricsRegistry: invalid label name "${label}" on "${name}"`);
    }
  }
}

/** The label values of `labelNames`, in that order (a missing one as ''). */
function ordered(
  labelNames: readonly string[],
  labels: Labels | undefined,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of labelNames) values[name] = labels?.[name] ?? '';
  return values;
}
