// Writing a profile to a file in another tool's format. Kept in one place: today the engine writes
// to a path the user types; a browser download route can replace `exportToPath` without touching
// the menu.

import { formatBytes } from '../../../../src-shared/format/units';
import type { ThermographApi } from '../../../../src-shared/api/contract';
import type { ExportFormat } from '../../../../src-shared/profile/formats';
import type { ProfileKind } from '../../../../src-shared/profile/profile';
import type { ViewFrame } from '../../../../src-shared/profile/views';

/** The file name extension of each format. */
export const exportExtensions: Record<ExportFormat, string> = {
  speedscope: 'speedscope.json',
  folded: 'folded.txt',
  pprof: 'pb.gz',
  cpuprofile: 'cpuprofile',
};

/** What each format opens in, for the menu. */
export const exportDescriptions: Record<ExportFormat, string> = {
  speedscope: 'speedscope.app',
  folded: 'Folded stacks (flamegraph.pl, inferno)',
  pprof: 'pprof (go tool pprof, Pyroscope)',
  cpuprofile: 'Chrome DevTools, VS Code',
};

/** The formats a profile can be written in: `cpuprofile` needs JavaScript frames. */
export function availableFormats(formats: readonly ExportFormat[], frames: readonly ViewFrame[]): ExportFormat[] {
  const hasJavaScript = frames.some((frame) => frame.kind === 'js');
  return formats.filter((format) => format !== 'cpuprofile' || hasJavaScript);
}

/** The path the export dialog suggests: `~/thermograph-<session>-<kind>.<ext>`. */
export function defaultExportPath(sessionId: number, kind: ProfileKind, format: ExportFormat): string {
  return `~/thermograph-${sessionId}-${kind}.${exportExtensions[format]}`;
}

/**
 * Asks the engine to write the profile; resolves to a sentence for a toast or the error, with
 * `exists` when a file is already there (the dialog then offers to replace it).
 */
export async function exportToPath(
  api: ThermographApi,
  request: { sessionId: number; kind: ProfileKind; format: ExportFormat; path: string; overwrite: boolean },
): Promise<{ ok: true; message: string } | { ok: false; message: string; exists: boolean }> {
  const result = await api.exportProfile(request);
  if (!result.ok) return { ok: false, message: result.error.message, exists: result.error.code === 'file-exists' };
  return { ok: true, message: `Profile written to ${result.value.path} (${formatBytes(result.value.bytes)}).` };
}
