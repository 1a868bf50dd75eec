// Parses the CLI's alert syntax, `METRIC OP THRESHOLD[UNIT][:DURATION]` ("cpu>90%:10s", "rss>1.5GB",
// "fds>900", "heap>=512MiB:5s"), into an AlertRule in the metric's own unit. Sizes follow IEC 80000-13:
// kB/MB/GB are powers of 1000 and KiB/MiB/GiB powers of 1024; a bare K/M/G is refused because people
// mean both.

import { ThermographError } from '../../../src-shared/api/errors';
import { metricKeys, type MetricUnit } from '../../../src-shared/model/resource';
import {
  alertMetricAliases,
  alertMetricUnit,
  defaultAlertCooldownMs,
  type AlertComparison,
  type AlertMetric,
  type AlertRule,
} from '../../../src-shared/model/watch';

/** A parsed rule, or what was wrong with the text in a sentence that shows a right one. */
export type AlertRuleParse = { ok: true; rule: AlertRule } | { ok: false; message: string };

const examples = '"cpu>90%:10s", "rss>1.5GB", "fds>900" or "heap>=512MiB:5s"';
const sizeFactors: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
const durationFactors: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
// Longest operators first, so ">=" is not read as ">" followed by "=512MiB".
const rulePattern = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(>=|<=|>|<)\s*([^:]*?)\s*(?::\s*(.*?)\s*)?$/;
const numberPattern = /^((?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e[+-]?[0-9]+)?)\s*(.*)$/i;

/** Parses one rule; `cooldownMs` is the rule's cooldown (the CLI has one flag for every rule). */
export function parseAlertRule(text: string, cooldownMs = defaultAlertCooldownMs): AlertRuleParse {
  const match = rulePattern.exec(text);
  if (!match) {
    return fail(`"${text}" is not an alert rule: write METRIC, a comparison (>, >=, <, <=) and a threshold`);
  }
  const [, name, comparison, thresholdText, durationText] = match as unknown as [
    string,
    string,
    string,
    string,
    string?,
  ];
  const metric = alertMetric(name);
  if (!metric) {
    const names = [...Object.keys(alertMetricAliases), ...metricKeys.filter((key) => !(key in alertMetricAliases))];
    return fail(`"${text}": there is no metric "${name}"; use one of ${names.join(', ')}`);
  }
  const unit = alertMetricUnit(metric);
  const threshold = parseThreshold(thresholdText, unit);
  if (typeof threshold === 'string') return fail(`"${text}": ${threshold}`);
  let durationMs = 0;
  if (durationText !== undefined) {
    const duration = parseDuration(durationText);
    if (typeof duration === 'string') return fail(`"${text}": ${duration}`);
    durationMs = duration;
  }
  return {
    ok: true,
    rule: { metric, comparison: comparison as AlertComparison, threshold, durationMs, cooldownMs, text: text.trim() },
  };
}

/** Parses every rule, or throws `invalid-argument` with the first bad rule's message. */
export function parseAlertRules(texts: readonly string[], cooldownMs = defaultAlertCooldownMs): AlertRule[] {
  return texts.map((text) => {
    const parsed = parseAlertRule(text, cooldownMs);
    if (!parsed.ok) throw new ThermographError('invalid-argument', parsed.message);
    return parsed.rule;
  });
}

function fail(message: string): AlertRuleParse {
  return { ok: false, message: `${message} (for example ${examples}).` };
}

/** A metric by alias or by its own key, ignoring case ("FDS", "fileDescriptors"). */
function alertMetric(name: string): AlertMetric | null {
  const lower = name.toLowerCase();
  if (lower in alertMetricAliases) return alertMetricAliases[lower]!;
  return metricKeys.find((key) => key.toLowerCase() === lower) ?? null;
}

/** The threshold in the metric's unit, or what is wrong with it. */
function parseThreshold(text: string, unit: MetricUnit): number | string {
  const match = numberPattern.exec(text);
  if (!match) return `the threshold "${text}" is not a number`;
  const value = Number(match[1]);
  const suffix = match[2]!.trim();
  switch (unit) {
    case 'corePercent':
    case 'percent':
      if (suffix === '' || suffix === '%') return value;
      return `a percentage is written as a number with an optional "%", not "${suffix}" (100% is one busy core)`;
    case 'bytes':
    case 'bytesPerSecond': {
      const size = unit === 'bytesPerSecond' ? suffix.replace(/\/s$/i, '') : suffix;
      const factor = size === '' ? 1 : sizeFactors[size.toLowerCase()];
      // Only the IEC spelling of a binary size: "MIB" or "mib" is a slip of the shift key, but "kB" and "KB" are common.
      if (factor !== undefined && (!/ib$/i.test(size) || /^[KMGT]iB$/.test(size))) return value * factor;
      return `the size unit "${suffix}" is unknown: use B, kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)`;
    }
    case 'count':
    case 'load':
    case 'perSecond':
      if (suffix === '' || (unit === 'perSecond' && suffix === '/s')) return value;
      return `this metric is a plain number; drop the unit "${suffix}"`;
  }
}

/** A duration in milliseconds, or what is wrong with it. */
function parseDuration(text: string): number | string {
  const match = numberPattern.exec(text);
  const factor = match ? durationFactors[match[2]!.trim().toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    return `the duration "${text}" needs a unit: ms, s, m or h (as in ":10s")`;
  }
  return Number(match[1]) * factor;
}
