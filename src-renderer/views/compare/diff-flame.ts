// What the differential flame graph shows beyond the flame graph itself: a colour per node from
// how its share moved (red grew, blue shrank, by how much against the largest move), and each
// side's figures for the tooltip. Pure, so the colouring is unit-tested.

import type { DiffFlameGraphView } from '../../../src-shared/compare/report';
import { diffColor } from '../../components/flame-graph/flame-colors';
import { formatShare, formatWeightLong } from '../../components/flame-graph/weight-format';

/** Each side's share of its whole per node (0–1). */
function shares(view: DiffFlameGraphView): { baseline: Float64Array; candidate: Float64Array } {
  const share = (totals: Float64Array, whole: number) => totals.map((total) => (whole > 0 ? total / whole : 0));
  return {
    baseline: share(view.baselineTotal, view.baselineWeight),
    candidate: share(view.candidateTotal, view.candidateWeight),
  };
}

/** The colour index of every node: its share's change against the largest change of any node. */
export function diffNodeColors(view: DiffFlameGraphView): Uint8Array {
  const { baseline, candidate } = shares(view);
  let largest = 0;
  for (let node = 1; node < view.nodes.length; node++)
    largest = Math.max(largest, Math.abs(candidate[node]! - baseline[node]!));
  const colors = new Uint8Array(view.nodes.length);
  for (let node = 0; node < view.nodes.length; node++)
    colors[node] = diffColor(candidate[node]! - baseline[node]!, largest);
  return colors;
}

/** A side's self weight per node: its total less its children's. */
function selfWeights(view: DiffFlameGraphView, totals: Float64Array): Float64Array {
  const self = Float64Array.from(totals);
  for (let node = 1; node < view.nodes.length; node++) self[view.nodes.parent[node]!]! -= totals[node]!;
  return self;
}

/** The tooltip's figures for a node: per-run weights and shares on both sides. */
export function diffDescriber(
  view: DiffFlameGraphView,
): (node: number) => { total: string; self: string; share: string } {
  const baselineSelf = selfWeights(view, view.baselineTotal);
  const candidateSelf = selfWeights(view, view.candidateTotal);
  const perRun = (weight: number, runs: number) => formatWeightLong(weight / Math.max(1, runs), view.weightUnit);
  const runsNote = view.baselineRuns > 1 || view.candidateRuns > 1 ? ' per run' : '';
  return (node) => {
    const before = formatShare(view.baselineTotal[node]!, view.baselineWeight);
    const after = formatShare(view.candidateTotal[node]!, view.candidateWeight);
    const change =
      (view.candidateTotal[node]! / (view.candidateWeight || 1) -
        view.baselineTotal[node]! / (view.baselineWeight || 1)) *
      100;
    return {
      total: `${perRun(view.baselineTotal[node]!, view.baselineRuns)} → ${perRun(view.candidateTotal[node]!, view.candidateRuns)}${runsNote}`,
      self: `${perRun(baselineSelf[node]!, view.baselineRuns)} → ${perRun(candidateSelf[node]!, view.candidateRuns)}${runsNote}`,
      share: `${before} → ${after} of all (${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)} pts)`,
    };
  };
}
