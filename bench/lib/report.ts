/** The one table `npm run bench` prints: a row per figure, with the PERFORMANCE.md goal beside it. */
export interface Row {
  /** P1…P6. */
  id: string;
  scenario: string;
  figure: string;
  value: string;
  /** The goal this figure is read against, when PERFORMANCE.md sets one. */
  goal?: string;
}

/** What every scenario gets. */
export interface BenchContext {
  /** BENCH_QUICK=1: every run shortened. */
  quick: boolean;
  /** Seconds of each load run (BENCH_DURATION_S; default 8, quick 2). */
  durationS: number;
  /** Seconds of the P6 soak (BENCH_SOAK_S; default 60, quick 10). */
  soakS: number;
  /** Progress on stderr (the table goes to stdout). */
  log(message: string): void;
}

/** Formats milliseconds with a sensible precision. */
export function ms(value: number): string {
  return value >= 100
    ? `${value.toFixed(0)} ms`
    : value >= 10
      ? `${value.toFixed(1)} ms`
      : `${value.toFixed(2)} ms`;
}

/** A count with thousands separators. */
export function n(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Bytes as KB or MB. */
export function bytes(value: number): string {
  return value >= 1024 * 1024
    ? `${(value / 1024 / 1024).toFixed(1)} MB`
    : `${(value / 1024).toFixed(1)} KB`;
}

/** The rows as a Markdown table (readable in a terminal, pasted as is into bench/RESULTS.md). */
export function formatTable(rows: readonly Row[]): string {
  const header = ['id', 'scenario', 'figure', 'value', 'goal'];
  const cells = rows.map((r) => [r.id, r.scenario, r.figure, r.value, r.goal ?? '']);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => (c[i] as string).length)),
  );
  const line = (c: readonly string[]) =>
    `| ${c.map((x, i) => x.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
