// Long recordings stay within the bounds the store README states ("Retention"): a store fed by a
// fast clock (synthetic samples, a minute at a time, compacted after each minute as the recorder
// does) for 24 hours at 1 s and an hour at 100 ms. The database after VACUUM stays under the
// documented bound, a read of the whole session holds a bounded number of points (the recorder
// itself keeps no more than a second of samples), and the timeline view of the whole session still
// shows a one-sample spike hours deep in the downsampled tier.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricKeys, type ResourceSample } from '../../../src-shared/model/resource';
import { readTimelineView } from '../../../src-main/api/timeline-view';
import { openDatabase } from '../../../src-main/store/database';
import { SessionStore } from '../../../src-main/store/session-store';
import { newSession, temporaryFolder } from '../../unit/store/store-fixtures';

const start = 1_700_000_000_000;
const minute = 60_000;
const mebibyte = 2 ** 20;
let folder: ReturnType<typeof temporaryFolder>;
let store: SessionStore;
let path: string;

beforeEach(() => {
  folder = temporaryFolder();
  path = join(folder.folder, 'thermograph.db');
  store = SessionStore.open(path);
});
afterEach(() => {
  store.close();
  folder.remove();
});

/** A sample with every metric set (the most a sample can cost), noisy, with CPU at 400 % at `spikeAt`. */
function sampleAt(time: number, spikeAt: number): ResourceSample {
  const noise = (index: number) => ((time / 1_000) * 7_919 + index * 104_729) % 97;
  const values = Object.fromEntries(metricKeys.map((key, index) => [key, 1_000 * index + noise(index)]));
  return { ...values, time, cpuUser: time === spikeAt ? 400 : noise(0) / 10 } as unknown as ResourceSample;
}

/** Records `hours` at `intervalMs` a minute at a time, compacting after each minute; returns the largest batch written. */
function recordFast(id: number, hours: number, intervalMs: number, spikeAt: number): number {
  const perMinute = minute / intervalMs;
  for (let minuteIndex = 0; minuteIndex < hours * 60; minuteIndex++) {
    const batch = Array.from({ length: perMinute }, (_, index) =>
      sampleAt(start + (minuteIndex * perMinute + index) * intervalMs, spikeAt),
    );
    store.appendSamples(id, batch);
    store.downsampleSession(id, start + (minuteIndex + 1) * minute);
  }
  return perMinute;
}

/** The database's size after VACUUM (every free page returned), in bytes. */
function vacuumedSize(): number {
  store.close();
  const database = openDatabase(path);
  database.exec('VACUUM');
  const size =
    (database.pragma('page_count', { simple: true }) as number) *
    (database.pragma('page_size', { simple: true }) as number);
  database.close();
  store = SessionStore.open(path);
  return size;
}

describe('retention over long recordings', () => {
  it('keeps a day at 1 s under 8 MiB, with a spike from hour 2 drawn at its height', () => {
    const session = store.createSession({
      ...newSession('a day at 1 s', start),
      settings: { ...newSession().settings, intervalMs: 1_000 },
    });
    const spikeAt = start + 2 * 3_600_000 + 17_000;
    recordFast(session.id, 24, 1_000, spikeAt);
    const retention = store.getRetention(session.id);
    // Everything but the last hour, and at most one chunk (540 samples) before it, is buckets of 10 s.
    expect(retention).toMatchObject({ fullDetailMs: 3_600_000, bucketMs: 10_000 });
    expect(retention.bucketCount).toBeGreaterThanOrEqual(23 * 360 - 54);
    expect(retention.bucketedSamples).toBe(retention.bucketCount * 10);
    const whole = store.sampleRange(session.id)!.count;
    expect(whole).toBe(24 * 3_600 - retention.bucketedSamples);
    expect(whole).toBeLessThanOrEqual(3_600 + 540);
    const size = vacuumedSize();
    expect(size).toBeLessThan(8 * mebibyte);
    expect(store.readSamples(session.id).times.length).toBe(retention.bucketCount + whole);
    const view = readTimelineView(store, store.getSession(session.id)!, { maxPoints: 2_000 });
    expect(Math.max(...view.series.cpuUser!)).toBe(400);
    expect(view.rawCount).toBe(24 * 3_600);
    expect(view.downsampled).toEqual([{ from: start, to: start + retention.bucketedSamples * 1_000 - 1_000 }]);
  });

  it('keeps an hour at 100 ms under 2 MiB where full detail would take 6', () => {
    const session = store.createSession(newSession('an hour at 100 ms', start));
    const spikeAt = start + 10 * minute + 300;
    recordFast(session.id, 1, 100, spikeAt);
    const retention = store.getRetention(session.id);
    expect(retention).toMatchObject({ fullDetailMs: 600_000 });
    // Ten minutes whole, and at most one chunk (600 samples, a minute) before them.
    expect(store.sampleRange(session.id)!.count).toBe(36_000 - retention.bucketedSamples);
    expect(store.sampleRange(session.id)!.count).toBeLessThanOrEqual(6_600);
    expect(vacuumedSize()).toBeLessThan(2 * mebibyte);
    const statistics = store.readSamples(session.id, { metrics: ['cpuUser'] });
    expect(statistics.envelope!.maximum.cpuUser!.some((value) => value === 400)).toBe(true);
  });
});
