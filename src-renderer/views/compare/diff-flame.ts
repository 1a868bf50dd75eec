// What the differential flame graph shows beyond the flame graph itself: a colour per node from
// how its share moved (red grew, blue shrank, by how much against the largest move), and each
// side's figures for the tooltip. Pure, so the colouring is unit-tested.

import type { DiffFlameGraphView } from '../../../src-shared/compare/report';
import { diffColor } from '../../components/flame-graph/flame-colors';
import { formatShare, formatWeightLong } from '../../../src-shared/format/weight';

/** What a box's colour says: how its share of each side moved, or how its time per run moved. */
export type DiffMeasure = 'share' | 'time';

/** Per node, each side's share of its whole (0–1), or its weight per run. */
function perNode(view: DiffFlameGraphView, measure: DiffMeasure): { baseline: Float64Array; candidate: Float64Array } {
  const scaled = (totals: Float64Array, whole: number, runs: number) =>
    totals.map((total) => (measure === 'share' ? (whole > 0 ? total / whole : 0) : total / Math.max(1, runs)));
  return {
    baseline: scaled(view.baselineTotal, view.baselineWeight, view.baselineRuns),
    candidate: scaled(view.candidateTotal, view.candidateWeight, view.candidateRuns),
  };
}

/**
 * The colour index of every node: its change (of share, or of time per run) against the largest
 * change of any node. Shares show where the time went; time shows what got slower, since one
 * function slowing down shrinks every other function's share without any change of their own.
 */
export function diffNodeColors(view: DiffFlameGraphView, measure: DiffMeasure = 'share'): Uint8Array {
  const { baseline, candidate } = perNode(view, measure);
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
