// The CI gate: `--fail-on wall:+5%` fails a comparison when wall time got significantly worse
// *and* by at least 5 % (the point estimate of the change); `--fail-on rss.peak:+50000000` takes an
// absolute amount in the metric's unit. A change that is large but not significant never fails the
// gate, and neither does a significant one below the threshold: noise must not break builds.

import type { GateOutcome, GateRule, RunsComparison } from '../../../src-shared/compare/report';
import { runMetricNames } from '../../../src-shared/compare/run-metrics';

export type { GateOutcome, GateRule };

/** Either the rule or why the option is wrong. */
export type GateRuleParse = { ok: true; rule: GateRule } | { ok: false; message: string };

const rulePattern = /^([A-Za-z][\w.-]*):\+(\d+(?:\.\d+)?)(%?)$/;

/** Parses `METRIC:+N%` or `METRIC:+N`. */
export function parseGateRule(option: string): GateRuleParse {
  const match = rulePattern.exec(option.trim());
  if (!match)
    return {
      ok: false,
      message: `--fail-on takes METRIC:+N% or METRIC:+N (an increase), for example --fail-on wall:+5% or --fail-on rss.peak:+10%; got "${option}".`,
    };
  const amount = Number(match[2]);
  const relative = match[3] === '%';
  return {
    ok: true,
    rule: {
      metric: match[1]!,
      threshold: { kind: relative ? 'relative' : 'absolute', amount: relative ? amount / 100 : amount },
      text: option.trim(),
    },
  };
}

/** Applies every rule to the comparisons by metric name. */
export function evaluateGate(
  rules: readonly GateRule[],
  comparisons: ReadonlyMap<string, RunsComparison>,
): GateOutcome[] {
  return rules.map((rule) => {
    const comparison = comparisons.get(rule.metric);
    if (!comparison) return { rule, status: 'unknown', reason: `${rule.metric} was not measured on both sides.` };
    if (comparison.verdict !== 'increase')
      return { rule, status: 'pass', reason: `${rule.metric}: ${comparison.verdict} (${comparison.reason})` };
    const { baseline, candidate, change } = comparison;
    const increase =
      rule.threshold.kind === 'relative'
        ? (change?.estimate ?? Number.POSITIVE_INFINITY)
        : candidate.median - baseline.median;
    const limit = rule.threshold.amount;
    return increase >= limit
      ? {
          rule,
          status: 'regression',
          reason: `${rule.metric} increased significantly, by at least the ${rule.text} threshold.`,
        }
      : { rule, status: 'pass', reason: `${rule.metric} increased significantly but less than ${rule.text}.` };
  });
}

/**
 * Why a comparison's rules and printed metrics cannot be judged as given, or null when they can: a
 * rule naming no metric (a typo would otherwise pass every gate), or a printed metric reusing a
 * name (it would take the built-in metric's place in the gate).
 */
export function gateNamesProblem(rules: readonly GateRule[], printed: readonly string[]): string | null {
  const seen = new Set<string>(runMetricNames);
  for (const name of printed) {
    if (seen.has(name))
      return runMetricNames.includes(name as (typeof runMetricNames)[number])
        ? `--metric ${name} would hide the built-in metric of that name; give the printed one another name.`
        : `--metric ${name} is given twice; give each printed metric its own name.`;
    seen.add(name);
  }
  for (const rule of rules) {
    if (!seen.has(rule.metric))
      return `--fail-on ${rule.text} names no metric. Metrics: ${runMetricNames.join(', ')}${printed.length > 0 ? `, and the printed ${printed.join(', ')}` : ''}.`;
  }
  return null;
}
