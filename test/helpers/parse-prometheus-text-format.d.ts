/** The part of parse-prometheus-text-format's API the metrics tests use (it ships no types). */
declare module 'parse-prometheus-text-format' {
  /** Throws on a line that is not valid text exposition format. */
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
