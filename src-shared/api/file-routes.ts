// Browser mode's file routes: a page in a browser tab cannot hand the engine a path (a file picker
// hides it) nor receive a file written to the engine's disk, so profiles travel over HTTP instead.
// Every route needs the page's token as `?token=`, like the page and the WebSocket.
//
//   POST /files/import?token=T&file=NAME[&name=SESSION]  body: the file's bytes → ApiResult<SessionSummary>
//   POST /files/export?token=T                           body: DownloadRequest (JSON) → ApiResult<PreparedDownload>
//   GET  /files/download/ID?token=T                      the prepared file, once, as an attachment

import type { ApiInput } from './params';

/** The paths of the file routes. */
export const fileRoutePaths = {
  upload: '/files/import',
  prepare: '/files/export',
  /** Followed by the prepared download's id. */
  download: '/files/download/',
} as const;

/** The largest upload browser mode accepts: bigger files are imported with `thermograph import FILE`. */
export const maximumUploadBytes = 1024 ** 3;

/** What a page asks to download: an export call without its path (the engine picks a temporary one). */
export type DownloadRequest =
  | { method: 'exportProfile'; params: Omit<ApiInput<'exportProfile'>, 'path' | 'overwrite'>; fileName: string }
  | { method: 'exportReport'; params: Omit<ApiInput<'exportReport'>, 'path' | 'overwrite'>; fileName: string };

/** A file written and waiting to be fetched once from `url` (within a few minutes). */
export interface PreparedDownload {
  url: string;
  fileName: string;
  bytes: number;
}

/**
 * A name safe to give a file: the last path component, letters, digits, `.`, `-`, `_` and spaces
 * only, no leading dots, at most 120 characters; `fallback` when nothing is left. Never a path.
 */
export function safeFileName(name: string, fallback: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = last
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return cleaned === '' || /^_+$/.test(cleaned) ? fallback : cleaned;
}
