// I/O-bound: the target waits for storage. Two signs: its threads are found in disk wait (state D)
// in many of the per-thread readings, and — where the profiler samples wall time, as V8's does — a
// large share of the profile is spent inside fsync-like calls. Either needs the CPU to be low: a
// program that also keeps a core busy is CPU-bound first.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { locationOf, weightInFunctions } from '../profile-facts';
import { mean, metricValues, spanWhere } from '../series-facts';

/** Calls that wait for storage to confirm a write. */
const syncCalls = /^(fsync|fdatasync|fsyncSync|fdatasyncSync|sync_file_range|msync|syncfs)$/;
/** Read or write rates (bytes/s) above which a sample counts as doing I/O. */
const activeIo = 10 * 1024;

export function detectIoBound(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  const readings = input.threads?.samples ?? [];
  const diskWaitReadings = readings.filter((sample) =>
    sample.threads.some((thread) => thread.state === 'disk-wait' && (input.pid === null || thread.pid === input.pid)),
  ).length;
  const diskWaitShare = readings.length > 0 ? diskWaitReadings / readings.length : 0;
  const profile = input.cpuProfile;
  // Only a wall-time profile (one with idle samples) sees the time a call blocks.
  const wallTimeProfile = profile !== null && (context.profileKinds?.idle ?? 0) > 0;
  const sync = wallTimeProfile ? weightInFunctions(profile, syncCalls) : { weight: 0, frame: null };
  const syncShare = context.profileWeight > 0 ? sync.weight / context.profileWeight : 0;
  const lowCpu = context.cpuMean < 60;
  const score = Math.max(ramp(diskWaitShare, 0.15, 0.45), ramp(syncShare, 0.15, 0.45)) * (lowCpu ? 1 : 0.4);
  if (score <= 0) return [];
  const io = metricValues(input.samples, ['readBytesRate', 'writeBytesRate']);
  const range = spanWhere(input.samples.times, io, (value) => value >= activeIo) ?? context.range;
  const location = sync.frame !== null && profile ? locationOf(profile, sync.frame, syncShare) : null;
  const title =
    syncShare >= 0.15 && location
      ? `I/O-bound: ${formatPercent(syncShare * 100)} of wall time blocked in ${location.functionName}`
      : `I/O-bound: in disk wait in ${formatPercent(diskWaitShare * 100)} of the thread readings`;
  const facts = [
    evidence('CPU, mean', context.cpuMean, 'corePercent'),
    evidence('Written', mean(metricValues(input.samples, ['writeBytesRate'])) || 0, 'bytesPerSecond'),
    evidence('Write calls', mean(metricValues(input.samples, ['writeSyscallRate'])) || 0, 'perSecond'),
  ];
  if (readings.length > 0) facts.push(evidence('Readings in disk wait (D)', diskWaitShare * 100, 'percent'));
  if (location) facts.push(evidence(`Wall time in ${location.functionName}`, syncShare * 100, 'percent'));
  return [
    {
      class: 'io-bound',
      title,
      detail:
        'The program spends its time waiting for storage rather than computing. Fewer, larger writes, fewer syncs (batch them, or sync only where durability needs it) or faster storage help; CPU work does not.',
      confidence: score,
      evidence: facts,
      range,
      location,
    },
  ];
}
