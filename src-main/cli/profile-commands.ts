// `thermograph hotspots`, `source`, `import`, `export` and `doctor`: profiles from the command line.

import type { MachineCapabilities } from '../../src-shared/profile/capabilities';
import type { HotspotTable, ViewFrame } from '../../src-shared/profile/views';
import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import { UsageError, type Command, type SecondsRange } from './arguments';
import type { TimeRange } from '../../src-shared/profile/views';
import { formatCount, formatCountOf } from '../../src-shared/format/units';
import { formatWeight } from '../../src-shared/format/weight';
import { resolveTransforms } from './export-transforms';
import { frameNamed, sourceText } from './source-command';
import { sessionDetails } from './text';

type ProfileCommand = Extract<Command, { name: 'hotspots' | 'source' | 'import' | 'export' | 'doctor' }>;

/** Runs one profile command; returns the exit code. */
export async function runProfileCommand(api: ThermographInProcessApi, command: ProfileCommand): Promise<number> {
  switch (command.name) {
    case 'hotspots': {
      const range = await wallClockRange(api, command.sessionId, command.range);
      const selection = { kind: command.kind, range, thread: null };
      const table = await api.getHotspots({ sessionId: command.sessionId, selection, limit: command.top });
      if (command.json) write(JSON.stringify({ schemaVersion: 1, hotspots: table }));
      else if (range && command.range)
        write(`${rangeLine(command.range, range, table.sampleCount)}\n${hotspotText(table)}`);
      else write(hotspotText(table));
      return 0;
    }
    case 'source': {
      const range = await wallClockRange(api, command.sessionId, command.range);
      const selection = { kind: command.kind, range, thread: null };
      const { frame, others } = await frameNamed(api, command.sessionId, selection, command.functionName);
      const view = await api.getSourceLines({ sessionId: command.sessionId, selection, frameId: frame.id });
      write(command.json ? JSON.stringify({ schemaVersion: 1, source: view }) : sourceText(view, others));
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
      const range = await wallClockRange(api, command.sessionId, command.range);
      const selection = { kind: command.kind, range, thread: null };
      const transforms = await resolveTransforms(api, command.sessionId, selection, command.transforms);
      if (typeof transforms === 'string') throw new UsageError(transforms);
      const written = await api.exportProfile({
        sessionId: command.sessionId,
        kind: command.kind,
        range,
        ...(transforms.length > 0 ? { transforms } : {}),
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
      return doctorExitCode(report);
    }
  }
}

/**
 * --from/--to (seconds from the session's start) as the wall-clock range the engine takes; null for
 * the whole session. A range that is not inside the session is refused with the session's length.
 */
async function wallClockRange(
  api: ThermographInProcessApi,
  sessionId: number,
  range: SecondsRange | null,
): Promise<TimeRange | null> {
  if (range === null) return null;
  const session = await api.getSession({ sessionId });
  const lengthSeconds = ((session.endedAt ?? Date.now()) - session.startedAt) / 1_000;
  const to = range.to ?? lengthSeconds;
  // The session's length is rounded for the message; a --to of that rounded figure is still inside.
  const shown = Math.ceil(lengthSeconds * 10) / 10;
  if (range.from >= lengthSeconds || to > shown)
    throw new UsageError(
      `The range ${range.from}–${range.to ?? 'end'} s is not inside session ${sessionId}, which lasted ${shown} s. ` +
        "Give --from and --to in seconds from the session's start, within its length.",
    );
  return {
    start: session.startedAt + range.from * 1_000,
    end: session.startedAt + Math.min(to, lengthSeconds) * 1_000,
  };
}

/** Which part of the session a ranged table covers, so it is not read as the whole session's. */
function rangeLine(asked: SecondsRange, range: TimeRange, samples: number): string {
  const to = asked.to ?? Math.round((range.end - range.start) / 100 + asked.from * 10) / 10;
  return `From ${asked.from} s to ${to} s after the session's start: ${formatCountOf(samples, 'sample')}.`;
}

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

/**
 * The hotspot table as text: self and total weight with their share, then self samples (the function
 * running) and total samples (anywhere on the stack), as the app's hotspot table names them.
 */
export function hotspotText(table: HotspotTable): string {
  if (table.rows.length === 0) return 'No samples in this profile.';
  const share = (weight: number) =>
    table.totalWeight > 0 ? `${((weight / table.totalWeight) * 100).toFixed(1)}%` : '–';
  const header = ['SELF', 'SELF %', 'TOTAL', 'TOTAL %', 'SELF SAMPLES', 'TOTAL SAMPLES', 'FUNCTION'];
  const rows = table.rows.map((row) => {
    const frame = table.frames[row.frame]!;
    return [
      formatWeight(row.self, table.weightUnit),
      share(row.self),
      formatWeight(row.total, table.weightUnit),
      share(row.total),
      formatCount(row.selfSamples),
      formatCount(row.totalSamples),
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

/**
 * 1 when a check other than the Electron runtime is MISSING, else 0 (limited checks pass): the desktop
 * window is not needed to profile, as the README and `thermograph help doctor` say.
 */
export function doctorExitCode(report: MachineCapabilities): 0 | 1 {
  return missingForProfiling(report).length > 0 ? 1 : 0;
}

function missingForProfiling(report: MachineCapabilities): MachineCapabilities['checks'] {
  return report.checks.filter((check) => check.status === 'missing' && check.id !== 'electron');
}

const statusMark = { ok: 'ok     ', limited: 'limited', missing: 'MISSING' } as const;

/** The doctor's report as text: one line per check, with its fix beneath. */
export function doctorText(report: MachineCapabilities): string {
  const lines = ['What this machine can profile:'];
  for (const check of report.checks) {
    lines.push(`  ${statusMark[check.status]}  ${check.title}: ${check.detail}`);
    if (check.fix) lines.push(`           fix: ${check.fix}`);
  }
  const missing = missingForProfiling(report).map((check) => check.title);
  lines.push(
    missing.length > 0
      ? `Exit status 1: missing for profiling: ${missing.join('; ')}.`
      : 'Exit status 0: nothing needed for profiling is missing (the Electron runtime only adds the desktop window).',
  );
  return lines.join('\n');
}
