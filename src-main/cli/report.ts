// `thermograph report SESSION --out FILE.html [--compare OTHER]`: one self-contained HTML file.

import { pathToFileURL } from 'node:url';
import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import { formatBytes } from '../../src-shared/format/units';
import type { Command } from './arguments';

type ReportCommand = Extract<Command, { name: 'report' }>;

/** Writes the report; returns the exit code (failures throw and are printed by main). */
export async function runReport(api: ThermographInProcessApi, command: ReportCommand): Promise<number> {
  const written = await api.exportReport({
    session: command.session,
    compareWith: command.compareWith,
    trendMetric: command.trendMetric,
    path: command.out,
    // Like export --out: the command line names the file to write, replacing what is there.
    overwrite: true,
  });
  if (command.json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, report: written })}\n`);
  } else {
    process.stdout.write(
      `Report of session ${written.sessionId} written to ${written.path} (${formatBytes(written.bytes)}).\n` +
        `Open it in any browser: ${pathToFileURL(written.path).href}\n`,
    );
  }
  return 0;
}
