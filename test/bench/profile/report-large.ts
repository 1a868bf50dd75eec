// The large report: a session of 1M timeline samples with a 200k-node CPU profile, through
// `thermograph report` (export ≤ 2 s, file ≤ 5 MB, opened from file:// to a drawn flame graph ≤ 1 s
// in headless Chromium). Beside the export, the floor a report cannot beat by much: the same CLI
// writing the same profile as folded stacks (another export of the same session, from the same start).

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { summarizeProfile } from '../../../src-main/analysis/profile-summary';
import { openDatabase } from '../../../src-main/store/database';
import { SessionStore } from '../../../src-main/store/session-store';
import { createDatabase } from '../timeline-bench';
import { median, type BenchRow } from '../table';
import { scaled } from './bench-cache';
import { makeCallTree } from './call-tree';
import { profileOf } from './compare-bench';
import { duration, megabytes, reason } from './measure-format';
import { thermographReportSignal, timeCommand, timeReportOpen } from './report-bench';

const group = 'report';
const nodes = scaled(200_000);
const exports = 3;
const opens = 5;
const cli = resolve('out/main/cli.js');

/** The 1M-sample session of the timeline benchmark, with a 200k-node CPU profile stored beside it. */
function largeSession(folder: string): { database: string; sessionId: number } {
  const database = join(folder, 'large.db');
  const sessionId = createDatabase(database);
  const store = new SessionStore(openDatabase(database));
  const profile = profileOf(makeCallTree({ nodes, seed: 9, deepening: 0.5, maximumDepth: 400 }), () => 1);
  store.saveProfile(sessionId, profile, summarizeProfile(profile));
  store.close();
  return { database, sessionId };
}

/** The rows for the large session: export time beside the folded export, size, open time. */
export async function largeReportRows(browser: Browser, folder: string): Promise<BenchRow[]> {
  const { database, sessionId } = largeSession(folder);
  const report = join(folder, 'large.html');
  const label = `1M samples + ${nodes.toLocaleString('en')}-node profile`;
  const run = (args: string[]) => timeCommand([process.execPath, cli, ...args, '--db', database]);
  const exportTimes: number[] = [];
  const foldedTimes: number[] = [];
  // Alternated, so the machine's moods fall on both alike.
  for (let round = 0; round < exports; round++) {
    exportTimes.push(await run(['report', String(sessionId), '--out', report]));
    foldedTimes.push(
      await run(['export', String(sessionId), '--format', 'folded', '--out', join(folder, 'large.folded')]),
    );
  }
  const size = statSync(report).size;
  const openTimes: number[] = [];
  let openProblem: string | null = null;
  for (let round = 0; round < opens && openProblem === null; round++) {
    try {
      openTimes.push((await timeReportOpen(browser, report, thermographReportSignal)).milliseconds);
    } catch (error) {
      openProblem = reason(error);
    }
  }
  const exportMs = median(exportTimes);
  const openMs = openProblem === null ? median(openTimes) : Number.NaN;
  return [
    {
      group,
      measure: `report export, ${label} (whole command; median of ${exports})`,
      ours: `${duration(exportMs)} (${(exportMs / median(foldedTimes)).toFixed(2)}× the folded export)`,
      peer: '—',
      floor: `${duration(median(foldedTimes))} (export --format folded, same session)`,
      goal: '≤ 2 s',
      met: exportMs <= 2_000,
    },
    {
      group,
      measure: `report size, ${label}`,
      ours: `${size.toLocaleString('en')} B (${megabytes(size)})`,
      peer: '—',
      floor: '—',
      goal: '≤ 5 MB',
      met: size <= 5_000_000,
    },
    {
      group,
      measure: `report open to drawn flame graph, ${label} (file://; median of ${opens})`,
      ours: openProblem ?? duration(openMs),
      peer: '—',
      floor: '—',
      goal: '≤ 1 s',
      met: openMs <= 1_000,
    },
  ];
}
