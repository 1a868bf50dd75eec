// Recommendations for a session: every rule that answers one of its diagnoses proposes at most one
// recommendation for it, each carries its record from earlier experiments, and they are ranked by
// the diagnosis' confidence weighted by that record (a rule that keeps failing is shown lower and
// says so). Pure: diagnoses, facts and history in, recommendations out.

import type { Diagnosis } from '../../src-shared/diagnosis/diagnosis';
import type { Recommendation } from '../../src-shared/diagnosis/recommendation';
import type { RecommendationFacts } from './facts';
import { describeRecord, keepsFailing, outcomeRecord, type PastOutcome } from './outcomes';
import { rules } from './rules';

export type { PastOutcome, RecommendationFacts };

/** The ranked recommendations for a session's diagnoses. */
export function recommend(
  diagnoses: readonly Diagnosis[],
  facts: RecommendationFacts,
  targetKey: string | null,
  history: readonly PastOutcome[],
): Recommendation[] {
  const seen = new Set<string>();
  const ranked: Array<{ recommendation: Recommendation; score: number; order: number }> = [];
  for (const diagnosis of diagnoses) {
    if (diagnosis.class === 'idle') continue;
    for (const rule of rules) {
      if (!rule.answers.includes(diagnosis.class)) continue;
      const proposal = rule.propose(diagnosis, facts);
      if (!proposal || seen.has(proposal.id)) continue;
      seen.add(proposal.id);
      const record = outcomeRecord(proposal.rule, diagnosis.class, targetKey, history);
      const why = record
        ? `${proposal.why} ${describeRecord(record)}${keepsFailing(record) ? ', so it is ranked lower.' : '.'}`
        : proposal.why;
      // Laplace's rule of succession: a rule never tried counts as even odds.
      const odds = record ? (record.helped + 1) / (record.tried + 2) : 0.5;
      ranked.push({
        recommendation: { ...proposal, why, record },
        score: diagnosis.confidence * odds * 2,
        order: ranked.length,
      });
    }
  }
  return ranked
    .sort((left, right) => right.score - left.score || left.order - right.order)
    .map((entry) => entry.recommendation);
}
