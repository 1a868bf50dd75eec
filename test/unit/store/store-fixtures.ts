// Shared inputs for the store tests: temp database folders, sessions and samples with known values.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricKeys } from '../../../src-shared/model/resource';
import type { MetricKey, ResourceSample } from '../../../src-shared/model/resource';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src-main/store/database';
import { SessionStore, type NewSession } from '../../../src-main/store/session-store';

/** A fresh temp folder and a function that removes it. */
export function temporaryFolder(): { folder: string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-store-'));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A store on a fresh database in a temp folder holding one session; `close` closes and removes it. */
export function storeWithSession(name: string, startedAt: number) {
  const temporary = temporaryFolder();
  const database: Database = openDatabase(join(temporary.folder, 'thermograph.db'));
  const store = new SessionStore(database);
  const id = store.createSession(newSession(name, startedAt)).id;
  return {
    database,
    store,
    id,
    close: () => {
      store.close();
      temporary.remove();
    },
  };
}

/** A session input for a pid target started at `startedAt`. */
export function newSession(name = 'busy loop', startedAt = 1_700_000_000_000): NewSession {
  return {
    name,
    target: { kind: 'pid', pid: 4242, name: 'node', commandLine: 'node busy.js', runtime: 'node' },
    host: {
      hostname: 'test-host',
      platform: 'linux',
      release: '6.1.0',
      arch: 'x64',
      cpuCount: 2,
      totalMemoryBytes: 24 * 2 ** 30,
    },
    settings: {
      intervalMs: 100,
      includeChildren: false,
      durationMs: null,
      profiler: 'none',
      samplingHz: null,
      allocations: false,
      alertRules: [],
      anomalyDetection: false,
    },
    startedAt,
  };
}

/**
 * A sample whose values say where they came from (metric i of sample n is n * 100 + i), with a few
 * nulls: pss every third sample, and the I/O rates of the very first one, like a real sampler.
 */
export function sampleAt(time: number, n: number): ResourceSample {
  const entries = metricKeys.map((key, index) => {
    const missing = (key === 'pss' && n % 3 === 0) || (n === 0 && key.endsWith('Rate'));
    return [key, missing ? null : n * 100 + index] as const;
  });
  return { time, ...Object.fromEntries(entries) } as ResourceSample;
}

/** `count` samples every `stepMs` from `startTime`, numbered from `firstNumber`. */
export function samples(count: number, startTime: number, stepMs = 100, firstNumber = 0): ResourceSample[] {
  return Array.from({ length: count }, (_, index) => sampleAt(startTime + index * stepMs, firstNumber + index));
}

/** The values of one metric as the store returns them: NaN for null. */
export function expectedColumn(list: readonly ResourceSample[], key: MetricKey): number[] {
  return list.map((sample) => sample[key] ?? Number.NaN);
}
