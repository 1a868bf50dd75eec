// The CI gate: `--fail-on wall:+5%` fails a comparison when wall time got significantly worse
// *and* by at least 5 % (the point estimate of the change); `--fail-on rss.peak:+50000000` takes an
// absolute amount in the metric's unit. A change that is large but not significant never fails the
// gate, and neither does a significant one below the threshold: noise must not break builds.

import type { GateOutcome, GateRule, RunsComparison } from '../../../src-shared/compare/report';

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
