// People-facing text for sessions: one shared layout for `record`, `sessions` and `show`.

import { describeOverhead } from '../../src-shared/format/overhead';
import { describeProfileFolding } from '../../src-shared/format/retention';
import { endDetail, endLabel, runtimeLabel, targetLabel } from '../../src-shared/format/session-labels';
import {
  formatBytesRate,
  formatBytes,
  formatCount,
  formatCountOf,
  formatDuration,
  formatPercent,
} from '../../src-shared/format/units';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionStatistics } from '../../src-shared/timeline/statistics';

/** The `sessions` table. */
export function sessionTable(sessions: SessionSummary[]): string {
  if (sessions.length === 0)
    return 'No sessions yet. Record one with `thermograph record --pid PID` or `thermograph record -- COMMAND`.';
  const rows = sessions.map((session) => [
    String(session.id),
    (session.baseline ? '★ ' : '') + session.name,
    new Date(session.startedAt).toLocaleString(),
    formatDuration((session.endedAt ?? Date.now()) - session.startedAt),
    formatCount(session.sampleCount),
    endLabel(session),
    session.tags.join(','),
  ]);
  const header = ['ID', 'NAME', 'STARTED', 'DURATION', 'SAMPLES', 'ENDED', 'TAGS'];
  const widths = header.map((title, column) =>
    Math.min(48, Math.max(title.length, ...rows.map((row) => row[column]!.length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => truncate(cell, widths[column]!).padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The detail block printed by `show` and at the end of `record`. */
export function sessionDetails(session: SessionSummary, statistics: SessionStatistics): string {
  const metric = statistics.metrics;
  const cpu = (key: 'cpuUser' | 'cpuSystem') => metric[key];
  // No rate yet (one sample, or all taken within the first 50 ms) is "—", not an idle 0%.
  const measured = cpu('cpuUser') !== undefined || cpu('cpuSystem') !== undefined;
  const cpuAverage = measured ? (cpu('cpuUser')?.average ?? 0) + (cpu('cpuSystem')?.average ?? 0) : null;
  const cpuPeak = measured ? (cpu('cpuUser')?.maximum ?? 0) + (cpu('cpuSystem')?.maximum ?? 0) : null;
  const lines = [
    `Session ${session.id}: ${session.name}${session.baseline ? '  ★ baseline' : ''}`,
    `  target     ${targetLabel(session.target)}  [${runtimeLabel(session.target.runtime)}]`,
    `  started    ${new Date(session.startedAt).toLocaleString()} on ${session.host.hostname}`,
    session.target.kind === 'file'
      ? `  duration   ${formatDuration((session.endedAt ?? session.startedAt) - session.startedAt)}  (imported profile: no resource timeline)`
      : `  duration   ${formatDuration((session.endedAt ?? Date.now()) - session.startedAt)}  (${formatCountOf(statistics.sampleCount, 'timeline sample')}, one every ${formatDuration(session.settings.intervalMs)}${session.settings.includeChildren ? ', children included' : ''})`,
    `  ended      ${endDetail(session)}`,
  ];
  if (session.tags.length > 0) lines.push(`  tags       ${session.tags.join(', ')}`);
  if (statistics.sampleCount > 0) {
    lines.push(
      `  CPU        avg ${formatPercent(cpuAverage)}  peak ${formatPercent(cpuPeak)} of one core`,
      `  memory     RSS peak ${formatBytes(metric.rss?.maximum)}  last ${formatBytes(metric.rss?.last)}${metric.pss ? `  PSS peak ${formatBytes(metric.pss.maximum)}` : ''}`,
      `  I/O        read ${formatBytes(statistics.readBytesTotal)} (peak ${formatBytesRate(metric.readBytesRate?.maximum)})  write ${formatBytes(statistics.writeBytesTotal)} (peak ${formatBytesRate(metric.writeBytesRate?.maximum)})`,
      `  threads    peak ${formatCount(metric.threads?.maximum)}   open files peak ${formatCount(metric.fileDescriptors?.maximum)}`,
    );
  }
  if (statistics.downsampled)
    lines.push(
      `  retention  older samples downsampled: ${formatCountOf(statistics.downsampled.samples, 'sample')} kept as ${formatCountOf(statistics.downsampled.buckets, 'bucket')} of min/mean/max (the figures above include them; peaks are exact)`,
    );
  lines.push(...profileLines(session));
  if (session.overhead) lines.push(`  overhead   ${describeOverhead(session.overhead)}`);
  for (const limitation of session.limitations) lines.push(`  note       ${limitation.message}`);
  return lines.join('\n');
}

/** The profiler's status and the stored profiles, as lines of sessionDetails. */
function profileLines(session: SessionSummary): string[] {
  const lines: string[] = [];
  const status = session.profiler;
  if (status && status.state !== 'done' && status.state !== 'running') {
    lines.push(`  profiler   ${status.profiler}: ${status.state}${status.message ? ` — ${status.message}` : ''}`);
    if (status.fix) lines.push(`  fix        ${status.fix}`);
  }
  for (const profile of session.profiles) {
    const rate = profile.achievedRateHz === null ? '' : `, ${Math.round(profile.achievedRateHz)} samples/s achieved`;
    lines.push(
      `  profile    ${profile.kind} by ${profile.tool}: ${formatCountOf(profile.sampleCount, 'sample')}${rate}  (thermograph hotspots ${session.id}${profile.kind === 'cpu' ? '' : ' --kind allocation'})`,
    );
    const folding = describeProfileFolding(profile);
    if (folding) lines.push(`             ${folding}`);
  }
  if (status?.state === 'done' && status.message) lines.push(`  profiler   ${status.message}`);
  return lines;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
