// Compaction: moves a session's samples older than its full-detail window, and outside every pinned
// range, into the downsampled tier. See the README's "Retention" section for the defaults and bounds.
//
// Buckets are aligned to multiples of the bucket size since the epoch and compaction always stops on
// such a multiple (downsampled_before), so each bucket is folded exactly once: calling it again with
// the same clock does nothing, and a later call starts where the last one stopped. A pinned range
// is widened to whole buckets, so a bucket is either wholly kept or wholly folded.

import { ThermographError } from '../../src-shared/api/errors';
import { defaultRetention, retentionLimits } from '../../src-shared/model/retention';
import type { RetentionSettings } from '../../src-shared/model/retention';
import type { EpochMilliseconds, Milliseconds } from '../../src-shared/units';
import { foldIntoBuckets } from './bucket-columns';
import type { BucketRepository } from './bucket-repository';
import type { RetentionRepository } from './retention-repository';
import { allColumnIndexes, ColumnScratch, columnOf, type PackedSamples } from './sample-columns';
import { smallChunkSamples, type SampleRepository } from './sample-repository';
import type { ThreadRepository } from './thread-repository';

/**
 * One compaction folds at most about this many samples (the time they take at the session's
 * interval), so a call made by the recorder stays a few milliseconds even on a session that had
 * never been compacted; the result says when more remains.
 */
export const maximumSamplesPerCompaction = 36_000;

/** What one compaction did. */
export interface CompactionResult {
  /** Samples folded into buckets, and the buckets they became. */
  foldedSamples: number;
  buckets: number;
  /** Samples before this time (outside pins) are buckets now; null when nothing was ever downsampled. */
  downsampledBefore: EpochMilliseconds | null;
  /** True when older samples remain to fold (the work bound stopped this call): call again. */
  more: boolean;
}

/** The repositories compaction works on. */
export interface RetentionParts {
  samples: SampleRepository;
  buckets: BucketRepository;
  retention: RetentionRepository;
  threads: ThreadRepository;
}

/**
 * Folds the session's samples from where the last compaction stopped up to the bucket boundary at or
 * before `now − fullDetailMs`, leaving pinned samples whole; rewrites the chunks it takes samples
 * from. Call inside one transaction.
 */
export function compactSamples(
  parts: RetentionParts,
  sessionId: number,
  settings: RetentionSettings,
  intervalMs: Milliseconds,
  now: EpochMilliseconds,
): CompactionResult {
  const result = foldOldSamples(parts, sessionId, settings, intervalMs, now);
  // Then the recorder's one-sample flushes are merged once they make a chunk (after the fold, so a
  // merged chunk never reaches back past the boundary): the full-detail tier stays a few rows a column
  // and later folds take whole chunks of a few minutes.
  parts.samples.mergeSmallChunks(sessionId, smallChunkSamples);
  return result;
}

function foldOldSamples(
  parts: RetentionParts,
  sessionId: number,
  settings: RetentionSettings,
  intervalMs: Milliseconds,
  now: EpochMilliseconds,
): CompactionResult {
  const { bucketMs } = settings;
  const stored = parts.retention.get(sessionId).downsampledBefore;
  const nothing = { foldedSamples: 0, buckets: 0, downsampledBefore: stored, more: false };
  const range = parts.samples.range(sessionId);
  if (range === null) return nothing;
  const target = alignDown(now - settings.fullDetailMs, bucketMs);
  const start = stored ?? alignDown(range.from, bucketMs);
  const span = Math.max(bucketMs, alignDown(maximumSamplesPerCompaction * Math.max(1, intervalMs), bucketMs));
  const wanted = Math.min(target, start + span);
  const chunks = parts.samples.chunksOverlapping(sessionId, start, wanted);
  // A chunk longer than the work bound is cut, or it would never fold.
  const whole = wholeChunkEnd(chunks, start, wanted, bucketMs);
  const end = whole <= start && wanted < target ? wanted : whole;
  if (end <= start) return nothing;

  const pins = parts.retention
    .pins(sessionId, end)
    .map((pin) => ({ from: alignDown(pin.from, bucketMs), to: alignDown(pin.to, bucketMs) + bucketMs }));
  const folds = (time: number) => time >= start && time < end && !pins.some((pin) => time >= pin.from && time < pin.to);
  // Thread readings (a blob of every thread, once a second) are thinned to one a bucket outside the pins.
  for (const span of spansBetween(start, end, pins)) parts.threads.thin(sessionId, span.from, span.to, bucketMs);

  const taken: { packed: PackedSamples; indexes: number[] }[] = [];
  for (const { chunk, count, minTime } of chunks) {
    if (minTime >= end) continue;
    const packed = parts.samples.readChunk(sessionId, chunk, count);
    const indexes: number[] = [];
    const kept: number[] = [];
    for (let index = 0; index < count; index++) (folds(packed.times[index]!) ? indexes : kept).push(index);
    if (indexes.length === 0) continue;
    taken.push({ packed, indexes });
    parts.samples.replaceChunk(sessionId, chunk, selectSamples([{ packed, indexes: kept }]));
  }
  const folded = selectSamples(taken);
  // In time order: chunks are nearly so, but a clock that stepped back may interleave them.
  const order = Array.from({ length: folded.count }, (_, index) => index).sort(
    (a, b) => folded.times[a]! - folded.times[b]! || a - b,
  );
  const buckets = foldIntoBuckets(folded, order, bucketMs);
  parts.buckets.append(sessionId, buckets);
  parts.retention.setDownsampledBefore(sessionId, end);
  // The buckets were made with these settings: they stay the session's, whatever another process's
  // defaults (THERMOGRAPH_RETENTION) would say when it shows the session.
  if (folded.count > 0 && parts.retention.get(sessionId).settings === null)
    parts.retention.setSettings(sessionId, settings);
  return { foldedSamples: folded.count, buckets: buckets.count, downsampledBefore: end, more: end < target };
}

/**
 * Where a fold up to `wanted` should stop so that it rewrites no large chunk: before the bucket of the
 * first chunk that reaches past `wanted`, which then waits until it is old as a whole. It would
 * otherwise be rewritten (all it keeps) every minute while the boundary moves through it: at 1 s a
 * 540-sample chunk, 80 KiB a minute for 60 samples folded. A chunk before it keeps at most one
 * bucket's samples. So full detail reaches back at least the window and up to one chunk further
 * (about 9 min at 1 s, 1 min at 100 ms, 8,192 samples at most).
 */
function wholeChunkEnd(
  chunks: readonly { minTime: number; maxTime: number }[],
  start: number,
  wanted: number,
  bucketMs: number,
): number {
  let end = wanted;
  for (const { minTime, maxTime } of chunks) {
    const before = alignDown(minTime, bucketMs);
    if (maxTime >= wanted && before >= start) end = Math.min(end, before);
  }
  return end;
}

/** The parts of [from, to) outside every pin (pins need not be sorted or disjoint). */
function spansBetween(
  from: number,
  to: number,
  pins: readonly { from: number; to: number }[],
): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  let at = from;
  for (const pin of [...pins].sort((a, b) => a.from - b.from)) {
    if (pin.from > at) spans.push({ from: at, to: Math.min(pin.from, to) });
    at = Math.max(at, pin.to);
    if (at >= to) break;
  }
  if (at < to) spans.push({ from: at, to });
  return spans.filter((span) => span.to > span.from);
}

/** The largest multiple of `step` (since the epoch) at or before `time`. */
export function alignDown(time: number, step: number): number {
  return Math.floor(time / step) * step;
}

/** The samples at the given indexes of each packed batch, concatenated in that order. */
function selectSamples(parts: readonly { packed: PackedSamples; indexes: readonly number[] }[]): PackedSamples {
  const count = parts.reduce((sum, part) => sum + part.indexes.length, 0);
  const selected = new ColumnScratch().columns(count);
  for (const columnIndex of allColumnIndexes) {
    const target = columnOf(selected, columnIndex);
    let at = 0;
    for (const { packed, indexes } of parts) {
      const source = columnOf(packed, columnIndex);
      for (const index of indexes) target[at++] = source[index]!;
    }
  }
  return selected;
}

/**
 * The retention of a session with none stored: THERMOGRAPH_RETENTION when set, as
 * "FULL_DETAIL_MS:BUCKET_MS" (for tests and demos of a short recording), else the defaults for its
 * sampling interval. A malformed value is an error that says the expected form.
 */
export function retentionDefaults(
  intervalMs: Milliseconds,
  variable = process.env.THERMOGRAPH_RETENTION,
): RetentionSettings {
  if (variable === undefined || variable === '') return defaultRetention(intervalMs);
  const match = /^(\d+):(\d+)$/.exec(variable.trim());
  const fullDetailMs = Number(match?.[1]);
  const bucketMs = Number(match?.[2]);
  if (!match || fullDetailMs < retentionLimits.minimumFullDetailMs || bucketMs < retentionLimits.minimumBucketMs)
    throw new ThermographError(
      'invalid-argument',
      `THERMOGRAPH_RETENTION is "${variable}"; it must be FULL_DETAIL_MS:BUCKET_MS, e.g. 3600000:10000 (at least ${retentionLimits.minimumFullDetailMs}:${retentionLimits.minimumBucketMs}). Fix or unset it.`,
    );
  return { fullDetailMs, bucketMs };
}
