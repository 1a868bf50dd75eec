// Metrics a benchmark prints about itself (`--metric latency_ms='p99=(\d+\.?\d*)ms'`): most
// benchmarks report their own result, and that is the number a comparison should judge. The first
// capture group of the last match in the output is the value (a benchmark prints progress first
// and its result last).

/** A metric to read from output: its name and the pattern whose first group is the number. */
export interface OutputMetricSpec {
  name: string;
  pattern: RegExp;
}

/** Either the spec or why the option is wrong, in a sentence that says what to write instead. */
export type OutputMetricParse = { ok: true; spec: OutputMetricSpec } | { ok: false; message: string };

const metricName = /^[A-Za-z][\w.-]{0,63}$/;
const example = `for example --metric latency_ms='p99=(\\d+\\.?\\d*)ms'`;

/** Parses a `NAME=REGEX` option. */
export function parseOutputMetric(option: string): OutputMetricParse {
  const equals = option.indexOf('=');
  if (equals <= 0) return { ok: false, message: `--metric takes NAME=REGEX, ${example}; got "${option}".` };
  const name = option.slice(0, equals);
  const source = option.slice(equals + 1);
  if (!metricName.test(name))
    return {
      ok: false,
      message: `A metric name starts with a letter and has up to 64 letters, digits, ".", "_" or "-"; got "${name}".`,
    };
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'g');
  } catch (error) {
    return {
      ok: false,
      message: `The pattern of metric "${name}" is not a valid regular expression: ${(error as Error).message}.`,
    };
  }
  // A group that is not a capture ((?:…), (?=…)) or a literal "\(" does not count.
  if (!/\((?!\?)/.test(source.replace(/\\./g, '')))
    return {
      ok: false,
      message: `The pattern of metric "${name}" needs a capture group around the number, ${example}.`,
    };
  return { ok: true, spec: { name, pattern } };
}

/** The value of each metric in `output` (the last match's first group as a number); null when absent or not a number. */
export function readOutputMetrics(output: string, specs: readonly OutputMetricSpec[]): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const { name, pattern } of specs) {
    let last: string | undefined;
    for (const match of output.matchAll(new RegExp(pattern.source, 'g'))) last = match[1];
    const value = last === undefined ? Number.NaN : Number(last.replace(/,/g, ''));
    values[name] = Number.isFinite(value) ? value : null;
  }
  return values;
}
