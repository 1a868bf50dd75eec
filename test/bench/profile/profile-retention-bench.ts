// Profile retention benchmark: a simulated hour of a Node.js CPU profile at its default 1 kHz (40
// stacks, skewed), built a minute at a time and folded after each minute as a recording does
// (ten minutes of full detail, 10 s buckets, one pinned alert minute), against the same hour kept
// whole. Measured: the most rows the profiler holds, the stored blob, and what one fold costs the
// engine's event loop. Run alone with `npx tsx test/bench/profile/profile-retention-bench.ts`.

import { sampleTotal } from '../../../src-shared/profile/profile';
import { encodeProfile } from '../../../src-main/store/profile-encoding';
import { profileFullDetailLimitMs } from '../../../src-shared/model/retention';
import { simulateLongProfile, type LongProfileOptions } from '../../helpers/long-profile';
import { median, printTable, type BenchRow } from '../table';

const startTime = 1_700_000_000_000;
const bucketMs = 10_000;
const minutes = 60;
const rateHz = 1_000;
const stackCount = 40;

const mebibytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Runs the profile retention benchmark and returns its rows. */
export async function runProfileRetentionBench(): Promise<BenchRow[]> {
  const options: LongProfileOptions = { startTime, minutes, rateHz, stackCount, retention: null };
  const whole = simulateLongProfile(options);
  const wholeBytes = encodeProfile(whole.profile).length;
  const pinned = [
    {
      id: 1,
      sessionId: 1,
      from: startTime + 20 * 60_000,
      to: startTime + 21 * 60_000,
      reason: 'alert' as const,
      label: '',
    },
  ];
  const folded = simulateLongProfile({ ...options, retention: { fullDetailMs: 3_600_000, bucketMs, pinned } });
  const foldedBytes = encodeProfile(folded.profile).length;
  // Between two folds: the window, the minute since the last fold, the pinned minute widened to
  // whole buckets, and one row per stack in each folded bucket.
  const bound =
    ((profileFullDetailLimitMs + 120_000 + 2 * bucketMs) * rateHz) / 1000 +
    ((minutes * 60_000) / bucketMs) * stackCount;
  const counted = sampleTotal(folded.profile.samples) === sampleTotal(whole.profile.samples);
  const hour = `an hour at ${rateHz / 1000} kHz, ${stackCount} stacks`;
  await Promise.resolve();
  return [
    {
      group: 'profile-retention',
      measure: `${hour}: most sample rows held while recording`,
      ours: `${folded.maximumRows.toLocaleString('en')}${counted ? '' : ' (counts differ!)'}`,
      peer: `${whole.maximumRows.toLocaleString('en')} (kept whole)`,
      floor: '—',
      goal: `≤ ${Math.round(bound).toLocaleString('en')} (10 min + pins + buckets × stacks), every sample counted`,
      met: folded.maximumRows <= bound && counted,
    },
    {
      group: 'profile-retention',
      measure: `${hour}: stored profile blob`,
      ours: mebibytes(foldedBytes),
      peer: `${mebibytes(wholeBytes)} (kept whole)`,
      floor: '—',
      goal: '≤ 1/3 of the whole hour',
      met: foldedBytes * 3 <= wholeBytes,
    },
    {
      group: 'profile-retention',
      measure: `${hour}: one fold, once a minute (median of ${folded.foldMs.length})`,
      ours: `${median([...folded.foldMs]).toFixed(1)} ms`,
      peer: '—',
      floor: '—',
      goal: '≤ 50 ms (the engine stays responsive)',
      met: median([...folded.foldMs]) <= 50,
    },
  ];
}

if (process.argv[1] && /profile-retention-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runProfileRetentionBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
