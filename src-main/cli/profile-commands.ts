// `thermograph hotspots`, `import`, `export` and `doctor`: profiles from the command line.

import type { MachineCapabilities } from '../../src-shared/profile/capabilities';
import type { HotspotTable, ViewFrame } from '../../src-shared/profile/views';
import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import type { Command } from './arguments';
import { formatCount } from '../../src-shared/format/units';
import { formatWeight } from '../../src-shared/format/weight';
import { sessionDetails } from './text';

type ProfileCommand = Extract<Command, { name: 'hotspots' | 'import' | 'export' | 'doctor' }>;

/** Runs one profile command; returns the exit code. */
export async function runProfileCommand(api: ThermographInProcessApi, command: ProfileCommand): Promise<number> {
  switch (command.name) {
    case 'hotspots': {
      const selection = { kind: command.kind, range: null, thread: null };
      const table = await api.getHotspots({ sessionId: command.sessionId, selection, limit: command.top });
      write(command.json ? JSON.stringify({ schemaVersion: 1, hotspots: table }) : hotspotText(table));
      return 0;
    }
    case 'import': {
      const session = await api.importProfile({
        path: command.file,
        ...(command.sessionName ? { name: command.sessionName } : {}),
      });
      if (command.json) write(JSON.stringify({ schemaVersion: 1, session }));
      else {
        const statistics = await api.getStatistics({ sessionId: session.id });
        write(`${sessionDetails(session, statistics)}\nImported as session ${session.id}.`);
      }
      return 0;
    }
    case 'export': {
      const written = await api.exportProfile({
        sessionId: command.sessionId,
        kind: command.kind,
        format: command.format,
        path: command.out,
        // Like other tools' --out: the command line names the file to write, replacing what is there.
        overwrite: true,
      });
      write(
        command.json
          ? JSON.stringify({ schemaVersion: 1, ...written })
          : `Wrote ${written.path} (${command.format}, ${formatCount(written.bytes)} bytes).`,
      );
      return 0;
    }
    case 'doctor': {
      const report = await api.getCapabilities({});
      write(command.json ? JSON.stringify({ schemaVersion: 1, ...report }) : doctorText(report));
      // The desktop runtime is not needed to profile: only a missing profiling piece fails the check.
      return report.checks.some((check) => check.status === 'missing' && check.id !== 'electron') ? 1 : 0;
    }
  }
}

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The hotspot table as text: self and total with their share, samples, function and location. */
export function hotspotText(table: HotspotTable): string {
  if (table.rows.length === 0) return 'No samples in this profile.';
  const share = (weight: number) =>
    table.totalWeight > 0 ? `${((weight / table.totalWeight) * 100).toFixed(1)}%` : '–';
  const header = ['SELF', 'SELF %', 'TOTAL', 'TOTAL %', 'SAMPLES', 'FUNCTION'];
  const rows = table.rows.map((row) => {
    const frame = table.frames[row.frame]!;
    return [
      formatWeight(row.self, table.weightUnit),
      share(row.self),
      formatWeight(row.total, table.weightUnit),
      share(row.total),
      formatCount(row.selfSamples),
      `${frame.name}${location(frame)}`,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padStart(widths[column]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function location(frame: ViewFrame): string {
  if (!frame.file) return frame.module ? `  (${frame.module})` : '';
  return `  ${frame.file}${frame.line ? `:${frame.line}` : ''}`;
}

const statusMark = { ok: 'ok     ', limited: 'limited', missing: 'MISSING' } as const;

/** The doctor's report as text: one line per check, with its fix beneath. */
export function doctorText(report: MachineCapabilities): string {
  const lines = ['What this machine can profile:'];
  for (const check of report.checks) {
    lines.push(`  ${statusMark[check.status]}  ${check.title}: ${check.detail}`);
    if (check.fix) lines.push(`           fix: ${check.fix}`);
  }
  return lines.join('\n');
}
