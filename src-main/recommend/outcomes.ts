// Learning from verdicts: what each rule achieved in earlier experiments, on this target first and
// else on any target with the same diagnosis, as "helped 3 of 4 times, median −18 %".

import type { DiagnosisClass } from '../../src-shared/diagnosis/diagnosis';
import type { ExperimentState } from '../../src-shared/diagnosis/experiment';
import type { OutcomeRecord } from '../../src-shared/diagnosis/recommendation';

/** One earlier experiment, as learning needs it. */
export interface PastOutcome {
  rule: string;
  diagnosis: DiagnosisClass;
  targetKey: string;
  state: ExperimentState;
  /** The relative change of its outcome metric (−0.18 = 18 % lower), when it had a comparison. */
  change: number | null;
}

function recordOf(outcomes: readonly PastOutcome[], scope: OutcomeRecord['scope']): OutcomeRecord | null {
  // Only verdicts count: a cancelled, failed or interrupted experiment says nothing about the rule.
  const judged = outcomes.filter((outcome) => outcome.state === 'kept' || outcome.state === 'rolled-back');
  if (judged.length === 0) return null;
  const kept = judged.filter((outcome) => outcome.state === 'kept');
  const changes = kept
    .map((outcome) => outcome.change)
    .filter((change): change is number => change !== null)
    .sort((left, right) => left - right);
  const middle = changes.length >> 1;
  const medianChange =
    changes.length === 0
      ? null
      : changes.length % 2 === 1
        ? changes[middle]!
        : (changes[middle - 1]! + changes[middle]!) / 2;
  return { tried: judged.length, helped: kept.length, medianChange, scope };
}

/** A rule's record on this target, or else on other targets with the same diagnosis; null when never judged. */
export function outcomeRecord(
  rule: string,
  diagnosis: DiagnosisClass,
  targetKey: string | null,
  history: readonly PastOutcome[],
): OutcomeRecord | null {
  const ofRule = history.filter((outcome) => outcome.rule === rule);
  const onTarget =
    targetKey === null
      ? null
      : recordOf(
          ofRule.filter((outcome) => outcome.targetKey === targetKey),
          'target',
        );
  return (
    onTarget ??
    recordOf(
      ofRule.filter((outcome) => outcome.diagnosis === diagnosis && outcome.targetKey !== targetKey),
      'similar',
    )
  );
}

/** The record as a sentence: "Helped 3 of 4 times on this target, median −18 %". */
export function describeRecord(record: OutcomeRecord): string {
  const where = record.scope === 'target' ? 'on this target' : 'on other targets with this diagnosis';
  const median =
    record.medianChange === null
      ? ''
      : `, median ${record.medianChange < 0 ? '−' : '+'}${Math.abs(Math.round(record.medianChange * 100))} %`;
  return `Helped ${record.helped} of ${record.tried} ${record.tried === 1 ? 'time' : 'times'} ${where}${median}`;
}

/** True when a record shows a rule that keeps failing: tried at least twice, helped at most a third of the time. */
export function keepsFailing(record: OutcomeRecord | null): boolean {
  return record !== null && record.tried >= 2 && record.helped / record.tried <= 1 / 3;
}
