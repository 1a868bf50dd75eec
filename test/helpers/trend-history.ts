// Weeks of history for a target that was recorded for real a few times: recording dozens of
// sessions over days is too slow for a test, so sessions of the same target (its argv, folder, host
// and settings, copied from the real ones) are written through the store, spread a day apart before
// the real ones, with a wall time that doubles after the 12th. Their output prints what the real
// runs print, so a metric read from the output has the same history.

import { execFileSync } from 'node:child_process';
import { SessionStore } from '../../src-main/store/session-store';
import type { SessionSummary } from '../../src-shared/model/session';
import { seededRandom } from './seeded-random';

const dayMs = 86_400_000;

/**
 * Records one real run of a short Node.js command that prints "result=40" with the built CLI
 * (`cli`: out/main/cli.js) into `databasePath`, and returns its session.
 */
export function recordTrendRun(cli: string, databasePath: string): SessionSummary {
  const program = 'setTimeout(() => console.log("result=" + 40), 150)';
  const options = ['--db', databasePath, '--interval', '100', '--profile', 'none', '--quiet', '--json'];
  const output = execFileSync(process.execPath, [cli, 'record', ...options, '--', process.execPath, '-e', program], {
    encoding: 'utf8',
  });
  return (JSON.parse(output) as { session: SessionSummary }).session;
}

/** Sessions seeded before the real ones; the change is planted at the 13th. */
export const seededSessions = 22;
/** Seeded sessions before the planted change. */
export const sessionsBeforeChange = 12;

/**
 * Writes `seededSessions` ended sessions of `real[0]`'s target into `databasePath`, one a day before
 * the first real session: the first 12 at half the real runs' median wall time, the rest at it, each
 * ±4 % seeded noise. Returns their ids, oldest first.
 */
export function seedTrendHistory(databasePath: string, real: readonly SessionSummary[]): number[] {
  const template = real[0]!;
  const walls = real.map((session) => session.runMetrics!.wall!).sort((left, right) => left - right);
  const median = walls[Math.floor((walls.length - 1) / 2)]! / 2 + walls[Math.ceil((walls.length - 1) / 2)]! / 2;
  const random = seededRandom(11);
  const store = SessionStore.open(databasePath);
  try {
    const ids: number[] = [];
    for (let index = 0; index < seededSessions; index++) {
      const level = index < sessionsBeforeChange ? median / 2 : median;
      const wall = Math.round(level * (1 + (random() - 0.5) * 0.08));
      const startedAt = template.startedAt - (seededSessions - index) * dayMs;
      const session = store.createSession({
        name: template.name,
        target: template.target,
        host: template.host,
        settings: template.settings,
        startedAt,
      });
      store.appendOutput(session.id, [{ time: startedAt + wall, stream: 'stdout', text: 'result=40\n' }]);
      store.endSession(session.id, {
        endedAt: startedAt + wall,
        endReason: 'target-exited',
        endMessage: null,
        exitCode: 0,
        exitSignal: null,
        runMetrics: { ...template.runMetrics!, wall },
      });
      ids.push(session.id);
    }
    return ids;
  } finally {
    store.close();
  }
}
