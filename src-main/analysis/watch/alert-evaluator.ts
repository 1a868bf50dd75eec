// Evaluates alert rules on a live stream, one sample at a time. A rule fires once the condition has
// held from a first reading at t0 to a later reading at t ≥ t0 + duration (so at interval I it fires
// within ceil(duration / I) + 1 readings of the crossing); one episode is one alert: it fires once,
// clears on the first reading that no longer satisfies it, and fires again only in a later episode at
// least `cooldownMs` after its last firing. O(rules) per sample, no allocation unless an event happens.

import type { MetricKey } from '../../../src-shared/model/resource';
import { alertMetricValue, type AlertEvent, type AlertRule } from '../../../src-shared/model/watch';
import type { EpochMilliseconds } from '../../../src-shared/units';

/** One reading of every metric: null or NaN where a metric could not be read. */
export type WatchSample = { readonly time: EpochMilliseconds } & { readonly [K in MetricKey]?: number | null };

/**
 * Unreadable samples in a row that a rule tolerates. A single dropped reading neither confirms nor
 * breaks an episode; past this many the rule knows nothing: a pending episode restarts, and a fired
 * one clears with a null value rather than stay raised on no evidence.
 */
export const maxMissingSamples = 2;

interface RuleState {
  readonly rule: AlertRule;
  /** The first reading of the current run of readings that satisfy the condition. */
  since: EpochMilliseconds | null;
  peak: number;
  /** True between a firing and its clearing. */
  fired: boolean;
  lastFiredAt: EpochMilliseconds;
  missing: number;
}

const noEvents: readonly AlertEvent[] = Object.freeze([]);

/** Feeds samples to a fixed set of rules and returns what fired or cleared at each. */
export class AlertEvaluator {
  private states: RuleState[];

  constructor(rules: readonly AlertRule[]) {
    this.states = rules.map(freshState);
  }

  /**
   * Edits the rules while recording: a rule that is unchanged (same metric, comparison, threshold,
   * duration and cooldown) keeps its episode and cooldown, so an edit elsewhere does not fire it again;
   * a new or changed rule starts afresh.
   */
  setRules(rules: readonly AlertRule[]): void {
    const previous = this.states;
    this.states = rules.map((rule) => {
      const kept = previous.find((state) => sameCondition(state.rule, rule));
      return kept ? { ...kept, rule } : freshState(rule);
    });
  }

  /** Evaluates one sample (samples must come in time order); the events are new arrays the caller may keep. */
  push(sample: WatchSample): readonly AlertEvent[] {
    let events: AlertEvent[] | null = null;
    for (const state of this.states) {
      const event = step(state, sample);
      if (event) (events ??= []).push(event);
    }
    return events ?? noEvents;
  }

  /**
   * The earliest time at which a condition that holds now will have held long enough (and its
   * cooldown passed) to fire on the next reading, whatever that reading is; null when none is pending.
   * A recorder that hands readings over in batches asks for them then, so a held rule is not late.
   */
  nextDecision(): EpochMilliseconds | null {
    let next: EpochMilliseconds | null = null;
    for (const state of this.states) {
      if (state.fired || state.since === null) continue;
      const due = Math.max(state.since + state.rule.durationMs, state.lastFiredAt + state.rule.cooldownMs);
      if (next === null || due < next) next = due;
    }
    return next;
  }
}

function freshState(rule: AlertRule): RuleState {
  return { rule, since: null, peak: Number.NaN, fired: false, lastFiredAt: Number.NEGATIVE_INFINITY, missing: 0 };
}

function sameCondition(left: AlertRule, right: AlertRule): boolean {
  return (
    left.metric === right.metric &&
    left.comparison === right.comparison &&
    left.threshold === right.threshold &&
    left.durationMs === right.durationMs &&
    left.cooldownMs === right.cooldownMs
  );
}

function step(state: RuleState, sample: WatchSample): AlertEvent | null {
  const { rule } = state;
  const value = alertMetricValue(sample, rule.metric);
  if (value === null || Number.isNaN(value)) {
    if (++state.missing <= maxMissingSamples) return null;
    const wasFired = state.fired;
    const event = wasFired ? eventOf('cleared', state, sample.time, null) : null;
    state.since = null;
    state.fired = false;
    return event;
  }
  state.missing = 0;
  if (!holds(rule, value)) {
    const event = state.fired ? eventOf('cleared', state, sample.time, value) : null;
    state.since = null;
    state.fired = false;
    return event;
  }
  if (state.since === null) {
    state.since = sample.time;
    state.peak = value;
  } else if (worse(rule, value, state.peak)) {
    state.peak = value;
  }
  if (
    !state.fired &&
    sample.time - state.since >= rule.durationMs &&
    sample.time - state.lastFiredAt >= rule.cooldownMs
  ) {
    state.fired = true;
    state.lastFiredAt = sample.time;
    return eventOf('fired', state, sample.time, value);
  }
  return null;
}

function holds(rule: AlertRule, value: number): boolean {
  switch (rule.comparison) {
    case '>':
      return value > rule.threshold;
    case '>=':
      return value >= rule.threshold;
    case '<':
      return value < rule.threshold;
    case '<=':
      return value <= rule.threshold;
  }
}

/** True when `value` is further on the alerting side than `peak`. */
function worse(rule: AlertRule, value: number, peak: number): boolean {
  return rule.comparison === '>' || rule.comparison === '>=' ? value > peak : value < peak;
}

function eventOf(
  kind: AlertEvent['kind'],
  state: RuleState,
  time: EpochMilliseconds,
  value: number | null,
): AlertEvent {
  return {
    kind,
    rule: state.rule,
    time,
    value,
    threshold: state.rule.threshold,
    since: state.since!,
    peak: state.peak,
  };
}
