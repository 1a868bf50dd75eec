// Memory growth and probable leaks. The resident size's trend is a Theil–Sen slope with its 95 %
// interval, after a warm-up (the first tenth of the session, at least a second): growth is found when
// the interval is above zero and the growth over the session is large enough to matter. It is a
// probable leak when it is sustained (the second half still grows) and, for Node.js, when the heap's
// floor after each collection rises too (what the collector could not free).

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatBytes, formatBytesRate, formatDuration } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { topFunctions } from '../profile-facts';
import { bucketed, theilSen, type Slope } from '../../statistics/theil-sen';

/** Less growth than this over a session is not worth a diagnosis, whatever its significance. */
const smallestGrowth = 4 * 1024 * 1024;
const points = 60;
/** Seconds of recording below which Node.js growth outside the heap's floor is not reported. */
const shortestOutsideHeap = 20;
/**
 * Seconds of growth below which it is not called a probable leak: a program warming up (a heap
 * filling before its first full collection, caches) grows the same way for a few seconds.
 */
const shortestLeak = 10;

function slopeOf(
  times: Float64Array,
  values: Float64Array | undefined,
  from: number,
  to: number,
  reduce: 'median' | 'minimum',
): Slope | null {
  if (!values) return null;
  const start = lowerBound(times, from);
  const end = lowerBound(times, to + 1);
  const { x, y } = bucketed(times.subarray(start, end), values.subarray(start, end), points, reduce);
  return theilSen(x, y);
}

function lowerBound(times: Float64Array, value: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function detectMemoryGrowth(context: DiagnosisContext): Diagnosis[] {
  const { input, range } = context;
  const times = input.samples.times;
  const rss = input.samples.columns.rss;
  if (!rss || context.durationMs < 3_000 || times.length < 10) return [];
  const from = range.from + Math.max(1_000, context.durationMs / 10);
  const slope = slopeOf(times, rss, from, range.to, 'median');
  if (!slope || slope.low <= 0) return [];
  const seconds = (range.to - from) / 1000;
  const growth = slope.perSecond * seconds;
  if (growth < smallestGrowth) return [];
  const middle = (from + range.to) / 2;
  const secondHalf = slopeOf(times, rss, middle, range.to, 'median');
  const sustained = secondHalf !== null && secondHalf.low > 0;
  const heap = input.samples.columns.jsHeapUsed;
  const heapFloor = heap && input.runtime === 'node' ? slopeOf(times, heap, from, range.to, 'minimum') : null;
  const retained = heapFloor === null ? null : heapFloor.low > 0;
  // Node.js growth the heap's floor does not show is heap headroom, native memory or Buffers; over a
  // short session it cannot be told from a program warming up, so it needs a longer recording.
  if (retained === false && seconds < shortestOutsideHeap) return [];
  const site = input.allocationProfile ? (topFunctions(input.allocationProfile, 1)[0] ?? null) : null;
  const longEnough = seconds >= shortestLeak;
  const probableLeak = sustained && longEnough;
  const score =
    ramp(growth, smallestGrowth, 8 * smallestGrowth) *
    (sustained ? 1 : 0.5) *
    (retained === false ? 0.8 : 1) *
    (longEnough ? 1 : 0.6);
  const siteText = site
    ? `, top allocation site ${site.functionName}${site.file ? ` (${baseName(site.file)}${site.line ? `:${site.line}` : ''})` : ''}`
    : '';
  const gcText = retained === true ? ', not released after GC' : retained === false ? ', outside the JS heap' : '';
  const verdict = probableLeak
    ? ': probable leak'
    : !sustained
      ? ', then slowing'
      : ' (too short to tell a leak from warm-up)';
  const title = `Memory growing ${formatBytesRate(slope.perSecond)} for ${formatDuration(seconds * 1000)}${gcText}${verdict}${siteText}`;
  const facts = [
    evidence('RSS growth rate', slope.perSecond, 'bytesPerSecond', { low: slope.low, high: slope.high }),
    evidence('Growth over the range', growth, 'bytes'),
  ];
  if (heapFloor)
    facts.push(
      evidence('JS heap floor after GC', heapFloor.perSecond, 'bytesPerSecond', {
        low: heapFloor.low,
        high: heapFloor.high,
      }),
    );
  if (site) facts.push(evidence(`Allocated in ${site.functionName}`, site.share * 100, 'percent'));
  const detail = !sustained
    ? 'Resident memory grew early in the session and then slowed: it may be warming up caches rather than leaking. Record longer to tell.'
    : !longEnough
      ? `Resident memory grew by ${formatBytes(growth)} over ${formatDuration(seconds * 1000)}: a program warming up grows like this too. Record for ${shortestLeak} s or more to tell.`
      : retained === false
        ? `Resident memory grew by ${formatBytes(growth)} at a steady rate while the JavaScript heap's floor after each collection did not rise: look at memory outside the heap (Buffers, native modules, many threads' allocator arenas).`
        : `Resident memory grew by ${formatBytes(growth)} at a steady rate and ${retained ? 'the garbage collector could not free it' : 'did not level off'}. Look for a collection that only grows (a cache without a limit, listeners never removed) at the top allocation sites.`;
  return [
    {
      class: 'memory-growth',
      title,
      detail,
      confidence: score,
      evidence: facts,
      range: { from, to: range.to },
      location: site,
    },
  ];
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
