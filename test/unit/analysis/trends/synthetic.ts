// Seeded synthetic histories for the trends tests: sessions at irregular times with a known slope,
// an optional planted step, and Gaussian noise, so that what the analysis recovers can be checked
// against what was planted.

import type { HistoryPoint } from '../../../../src-shared/model/trends';
import { normal } from '../../../helpers/watch-series';

/** One day in milliseconds. */
const dayMs = 86_400_000;

/** What a synthetic history plants. */
export interface PlantedHistory {
  sessions: number;
  /** Level at day 0. */
  level: number;
  /** Units per day. */
  slopePerDay: number;
  noise: number;
  /** Mean days between sessions; each gap is uniform in [0.5, 1.5] of it. */
  gapDays?: number;
  /** A step of `size` from session `at` on. */
  step?: { at: number; size: number };
}

/** The history planted by `plan`, from day 0 (epoch 0 + one day, so times are positive). */
export function plantedHistory(random: () => number, plan: PlantedHistory): HistoryPoint[] {
  const gap = plan.gapDays ?? 1;
  const points: HistoryPoint[] = [];
  let day = 0;
  for (let index = 0; index < plan.sessions; index++) {
    if (index > 0) day += gap * (0.5 + random());
    const stepped = plan.step && index >= plan.step.at ? plan.step.size : 0;
    const value = plan.level + plan.slopePerDay * day + stepped + plan.noise * normal(random);
    points.push({ sessionId: index + 1, time: dayMs + day * dayMs, value });
  }
  return points;
}

/** The line's true value at `time` (without the noise; with the step when past it). */
export function plantedValue(plan: PlantedHistory, time: number): number {
  return plan.level + plan.slopePerDay * ((time - dayMs) / dayMs) + (plan.step ? plan.step.size : 0);
}
