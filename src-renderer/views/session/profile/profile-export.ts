// Writing a profile to a file in another tool's format, kept in one place for the menu: in the
// Electron window the engine writes to a path the user types; in a browser tab the engine writes a
// temporary file that the browser downloads (src-renderer/api/browser-files.ts), named after the path.

import { formatBytes } from '../../../../src-shared/format/units';
import type { ThermographApi } from '../../../../src-shared/api/contract';
import type { DownloadRequest } from '../../../../src-shared/api/file-routes';
import { browserFiles, downloadExport, fileNameOf } from '../../../api/browser-files';
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

/** The path the export dialog suggests: `~/thermograph-<session>-<kind>.<ext>` (in a browser tab, the file's name). */
export function defaultExportPath(sessionId: number, kind: ProfileKind, format: ExportFormat): string {
  return `~/thermograph-${sessionId}-${kind}.${exportExtensions[format]}`;
}

/** What the menu asks to export: exportProfile's params (the path is a file name in a browser tab). */
type ExportRequest = Parameters<ThermographApi['exportProfile']>[0];

/**
 * Asks the engine to write the profile; resolves to a sentence for a toast or the error, with
 * `exists` when a file is already there (the dialog then offers to replace it). In a browser tab the
 * file is downloaded instead, named after the path's last part.
 */
export async function exportToPath(
  api: ThermographApi,
  request: ExportRequest,
): Promise<{ ok: true; message: string } | { ok: false; message: string; exists: boolean }> {
  const access = browserFiles();
  if (access) {
    const { path, overwrite: _overwrite, ...params } = request;
    const download: DownloadRequest = { method: 'exportProfile', params, fileName: fileNameOf(path) };
    const downloaded = await downloadExport(access, download);
    if (!downloaded.ok) return { ok: false, message: downloaded.error.message, exists: false };
    return {
      ok: true,
      message: `Downloading ${downloaded.value.fileName} (${formatBytes(downloaded.value.bytes)}); your browser saves it where it saves downloads.`,
    };
  }
  const result = await api.exportProfile(request);
  if (!result.ok) return { ok: false, message: result.error.message, exists: result.error.code === 'file-exists' };
  return { ok: true, message: `Profile written to ${result.value.path} (${formatBytes(result.value.bytes)}).` };
}
