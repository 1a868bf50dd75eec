import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceSample } from '../../../src-shared/model/resource';
import { retentionDefaults } from '../../../src-main/store/retention';
import type { SessionStore } from '../../../src-main/store/session-store';
import { readTimelineView } from '../../../src-main/api/timeline-view';
import { summarizeSamples } from '../../../src-shared/timeline/summarize';
import { samples, storeWithSession } from './store-fixtures';

// Bucket-aligned, so bucket n of 1 s holds samples 10n … 10n + 9 of a 100 ms recording.
const start = 1_700_000_000_000;
const minute = 60_000;
let database: Database;
let store: SessionStore;
let id: number;
let close: () => void;

beforeEach(() => {
  ({ database, store, id, close } = storeWithSession('retention', start));
  store.setRetention(id, { fullDetailMs: minute, bucketMs: 1_000 });
});
afterEach(() => close());

/** Writes `written` as a 100 ms recorder does: one batch a second. */
function record(written: readonly ResourceSample[]): void {
  for (let index = 0; index < written.length; index += 10) store.appendSamples(id, written.slice(index, index + 10));
}

/** CPU values that go up and down, with one sample far above the rest: a spike. */
function withCpu(written: ResourceSample[], spikeAt: number): ResourceSample[] {
  return written.map((sample, index) => ({
    ...sample,
    cpuUser: index === spikeAt ? 950 : ((index * 37) % 11) * 1.5,
  }));
}

describe('retention', () => {
  it('folds samples older than the full-detail window into exact min/mean/max buckets', () => {
    const written = withCpu(samples(3_000, start), 123); // 5 minutes
    record(written);
    const result = store.downsampleSession(id, start + 300_000);
    // Everything before 4 minutes becomes buckets: 240 of them, from 2,400 samples.
    expect(result).toEqual({ foldedSamples: 2_400, buckets: 240, downsampledBefore: start + 240_000, more: false });
    const read = store.readSamples(id);
    expect(read.times.length).toBe(240 + 600);
    const envelope = read.envelope!;
    for (const bucket of [0, 12, 239]) {
      const inside = written.slice(bucket * 10, bucket * 10 + 10);
      const cpu = inside.map((sample) => sample.cpuUser!);
      expect(read.times[bucket]).toBe(inside[9]!.time);
      expect(envelope.starts[bucket]).toBe(inside[0]!.time);
      expect(envelope.counts[bucket]).toBe(10);
      expect(envelope.minimum.cpuUser![bucket]).toBe(Math.min(...cpu));
      expect(envelope.maximum.cpuUser![bucket]).toBe(Math.max(...cpu));
      expect(read.columns.cpuUser![bucket]).toBeCloseTo(cpu.reduce((sum, value) => sum + value, 0) / 10, 12);
      // pss is null every third sample: the mean is over the samples that had it.
      const pss = inside.flatMap((sample) => (sample.pss === null ? [] : [sample.pss]));
      expect(read.columns.pss![bucket]).toBeCloseTo(pss.reduce((sum, value) => sum + value, 0) / pss.length, 9);
    }
    // The spike at sample 123 is bucket 12's maximum.
    expect(envelope.maximum.cpuUser![12]).toBe(950);
    // The last minute is whole, sample for sample.
    expect(Array.from(read.times.subarray(240))).toEqual(written.slice(2_400).map((sample) => sample.time));
    expect(Array.from(envelope.counts.subarray(240)).every((count) => count === 1)).toBe(true);
    expect(store.getRetention(id)).toMatchObject({ bucketCount: 240, bucketedSamples: 2_400 });
  });

  it('keeps pinned ranges whole, widened to whole buckets', () => {
    const written = samples(3_000, start);
    record(written);
    store.pinRange(id, { from: start + 30_050, to: start + 31_500, reason: 'alert', label: 'cpu > 90 %' });
    store.downsampleSession(id, start + 300_000);
    const read = store.readSamples(id, { from: start + 29_000, to: start + 33_500 });
    // Buckets 29 and 32-33 around the pin; the pin's buckets 30 and 31 kept whole: 20 samples.
    const kept = Array.from(read.envelope!.counts).filter((count) => count === 1).length;
    expect(kept).toBe(20);
    expect(Array.from(read.times).filter((_, index) => read.envelope!.counts[index] === 1)).toEqual(
      written.slice(300, 320).map((sample) => sample.time),
    );
    expect(store.listPinnedRanges(id)).toEqual([
      { id: 1, sessionId: id, from: start + 30_050, to: start + 31_500, reason: 'alert', label: 'cpu > 90 %' },
    ]);
  });

  it('gives statistics and the timeline view over both tiers, spikes kept', () => {
    const written = withCpu(samples(3_000, start), 123);
    record(written);
    store.downsampleSession(id, start + 300_000);
    const statistics = summarizeSamples(store.readSamples(id));
    const cpu = written.map((sample) => sample.cpuUser!);
    expect(statistics.sampleCount).toBe(3_000);
    expect(statistics.downsampled).toEqual({ buckets: 240, samples: 2_400 });
    expect(statistics.metrics.cpuUser!.maximum).toBe(950);
    expect(statistics.metrics.cpuUser!.minimum).toBe(Math.min(...cpu));
    expect(statistics.metrics.cpuUser!.average).toBeCloseTo(cpu.reduce((sum, value) => sum + value, 0) / 3_000, 9);
    expect(statistics.from).toBe(start);

    const view = readTimelineView(store, store.getSession(id)!, { maxPoints: 200 });
    expect(Math.max(...view.series.cpuUser!)).toBe(950);
    expect(view.rawCount).toBe(3_000);
    expect(view.downsampled).toEqual([{ from: start, to: start + 239_900 }]);
    // The means, the line through the envelope: at most a point per two of the budget, the spike averaged in.
    const means = view.means!.series.cpuUser!;
    expect(means.length).toBeLessThanOrEqual(100);
    expect(Math.max(...means)).toBeLessThan(950);
    expect(Math.max(...means)).toBeGreaterThan(Math.max(...cpu.filter((value) => value !== 950)));
    // A view of the last minute alone has no buckets in it.
    const recent = readTimelineView(store, store.getSession(id)!, { from: start + 250_000, maxPoints: 200 });
    expect(recent.downsampled).toBeUndefined();
  });

  it('folds what is older than the window when the recording ends', () => {
    record(samples(3_000, start));
    store.endSession(id, {
      endedAt: start + 300_000,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    });
    expect(store.getRetention(id)).toMatchObject({ bucketedSamples: 2_400, downsampledBefore: start + 240_000 });
  });

  it('thins thread readings to one a bucket, keeping the pinned ones', () => {
    // One reading a second for 5 minutes; buckets of 10 s; a pin over seconds 20-29.
    store.setRetention(id, { fullDetailMs: minute, bucketMs: 10_000 });
    const thread = {
      tid: 1,
      pid: 1,
      state: 'running',
      cpu: 99,
      voluntarySwitchRate: 0,
      involuntarySwitchRate: 0,
      waitChannel: null,
    } as const;
    store.appendThreads(
      id,
      Array.from({ length: 300 }, (_, second) => ({ time: start + second * 1_000, threads: [thread] })),
      [{ tid: 1, pid: 1, name: 'main' }],
    );
    record(samples(3_000, start));
    store.pinRange(id, { from: start + 20_000, to: start + 29_000, reason: 'user' });
    store.downsampleSession(id, start + 300_000);
    const times = store.readThreads(id).samples.map((sample) => (sample.time - start) / 1_000);
    // The 23 buckets of the first 4 minutes outside the pin thinned to their first reading, the pin's 10 kept, the last minute whole.
    expect(times.slice(0, 14)).toEqual([0, 10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 40]);
    expect(times.length).toBe(2 + 10 + 21 + 60);
  });

  it('does nothing the second time with the same clock, and every sample is counted once', () => {
    record(samples(3_000, start));
    store.downsampleSession(id, start + 300_000);
    const before = store.readSamples(id);
    expect(store.downsampleSession(id, start + 300_000).foldedSamples).toBe(0);
    const after = store.readSamples(id);
    expect(Array.from(after.times)).toEqual(Array.from(before.times));
    expect(Array.from(after.columns.rss!)).toEqual(Array.from(before.columns.rss!));
    const stored = Array.from(after.envelope!.counts).reduce((sum, count) => sum + count, 0);
    expect(stored).toBe(3_000);
  });

  it('waits for a chunk that reaches past the boundary to be old as a whole, rather than rewriting it', () => {
    // One chunk of 5 minutes: the boundary at 4 minutes falls inside it, so nothing is folded yet.
    store.appendSamples(id, samples(3_000, start));
    expect(store.downsampleSession(id, start + 300_000).foldedSamples).toBe(0);
    expect(chunkCounts()).toEqual([3_000]);
    // A minute later it is old as a whole and folds; the next chunk reaches past the boundary and waits.
    store.appendSamples(id, samples(600, start + 300_000, 100, 3_000));
    expect(store.downsampleSession(id, start + 361_000)).toMatchObject({
      foldedSamples: 3_000,
      downsampledBefore: start + 300_000,
    });
    expect(chunkCounts()).toEqual([600]);
    expect(store.getRetention(id)).toMatchObject({ bucketCount: 300, bucketedSamples: 3_000 });
    expect(store.sampleRange(id)).toMatchObject({ from: start + 300_000, count: 600 });
  });

  it('bounds the work of one call and says when more remains', () => {
    store.setRetention(id, { fullDetailMs: 1_000, bucketMs: 1_000 });
    store.appendSamples(id, samples(8_000, start, 1_000)); // 8,000 s, though the session says 100 ms
    const session = store.getSession(id)!;
    expect(session.settings.intervalMs).toBe(100);
    // At 100 ms a call takes at most 36,000 × 100 ms = 1 h of samples.
    const first = store.downsampleSession(id, start + 8_000_000);
    expect(first).toMatchObject({ foldedSamples: 3_600, more: true });
    const second = store.downsampleSession(id, start + 8_000_000);
    expect(second).toMatchObject({ foldedSamples: 3_600, more: true });
    // The rest of the chunk reaches past the window's boundary: it waits to be old as a whole.
    const third = store.downsampleSession(id, start + 8_000_000);
    expect(third).toMatchObject({ foldedSamples: 0, more: false });
    expect(store.sampleRange(id)!.count).toBe(800);
  });

  it('defaults to an hour at 1 s and ten minutes below, and reads THERMOGRAPH_RETENTION', () => {
    expect(retentionDefaults(1_000, undefined)).toEqual({ fullDetailMs: 3_600_000, bucketMs: 10_000 });
    expect(retentionDefaults(100, undefined)).toEqual({ fullDetailMs: 600_000, bucketMs: 10_000 });
    expect(retentionDefaults(100, '2000:500')).toEqual({ fullDetailMs: 2_000, bucketMs: 500 });
    expect(() => retentionDefaults(100, '2s')).toThrow(/FULL_DETAIL_MS:BUCKET_MS/);
  });

  it('deletes the buckets, pins and settings with their session', () => {
    record(samples(3_000, start));
    store.pinRange(id, { from: start, to: start + 1_000, reason: 'anomaly' });
    store.downsampleSession(id, start + 300_000);
    store.deleteSession(id);
    for (const table of ['bucket_chunks', 'bucket_columns', 'pinned_ranges', 'session_retention'])
      expect(database.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
  });

  it('refuses unknown sessions with not-found', () => {
    expect(() => store.pinRange(999, { from: 0, to: 1, reason: 'user' })).toThrow(/Session 999 does not exist/);
    expect(() => store.downsampleSession(999, start)).toThrow(/Session 999 does not exist/);
  });
});

/** The session's chunk sizes in order, straight from SQLite. */
function chunkCounts(): number[] {
  return database
    .prepare('SELECT count FROM sample_chunks WHERE session_id = ? ORDER BY chunk')
    .pluck()
    .all(id) as number[];
}
