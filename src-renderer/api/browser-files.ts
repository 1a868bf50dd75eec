// Profiles in and out of a browser tab (browser mode): an upload is sent to the engine's import
// route with its progress, an export is prepared by the engine and then saved by the browser's own
// download. The Electron window has no such routes (its engine reads and writes paths), so there
// `browserFiles()` is null and the UI keeps its path fields. Routes: src-shared/api/file-routes.ts.

import type { ApiResult } from '../../src-shared/api/errors';
import {
  fileRoutePaths,
  maximumUploadBytes,
  type DownloadRequest,
  type PreparedDownload,
} from '../../src-shared/api/file-routes';
import { formatBytes } from '../../src-shared/format/units';
import type { SessionSummary } from '../../src-shared/model/session';

/** The page's access to the file routes: its token. */
export interface BrowserFiles {
  token: string;
}

/** The file routes' access in browser mode; null in the Electron window (or a page without its token). */
export function browserFiles(): BrowserFiles | null {
  if (typeof window === 'undefined' || window.thermograph) return null;
  const token = new URLSearchParams(window.location.search).get('token');
  return token ? { token } : null;
}

/** The last component of a path or name: what a download is called. */
export function fileNameOf(path: string): string {
  return path.trim().split(/[/\\]/).pop() ?? '';
}

function failure(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'invalid-argument', message } };
}

/** Reads a route's JSON answer, or says what came back instead. */
function parseAnswer<T>(status: number, text: string): ApiResult<T> {
  try {
    const parsed = JSON.parse(text) as ApiResult<T>;
    if (typeof parsed === 'object' && parsed !== null && 'ok' in parsed) return parsed;
  } catch {
    // Not JSON: a proxy's page or the server's plain-text refusal; said below.
  }
  const detail = text.trim().slice(0, 200);
  return failure(`Thermograph answered HTTP ${status}${detail ? `: ${detail}` : ''}`);
}

/**
 * Sends a profile file to the engine, which imports it as a session. `onProgress` gets the share
 * sent (0–1); once everything is sent the engine is still importing, which the caller should say.
 */
export function uploadProfile(
  access: BrowserFiles,
  file: File,
  sessionName: string | null,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<ApiResult<SessionSummary>> {
  if (file.size > maximumUploadBytes) {
    return Promise.resolve(
      failure(
        `${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(maximumUploadBytes)} browser mode accepts. ` +
          'Import it from a terminal instead: thermograph import FILE.',
      ),
    );
  }
  if (file.size === 0) return Promise.resolve(failure(`${file.name} is empty: there is nothing to import.`));
  const query = new URLSearchParams({ token: access.token, file: file.name });
  if (sessionName) query.set('name', sessionName);
  // XMLHttpRequest, not fetch: only it reports how much of a request body has been sent.
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${fileRoutePaths.upload}?${query}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve(parseAnswer<SessionSummary>(request.status, request.responseText));
    // Cancelled: the engine sees the request end early and removes what it received.
    request.onabort = () => resolve(failure(`Import of ${file.name} cancelled.`));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.onerror = () =>
      resolve(
        failure(
          `Sending ${file.name} failed: the connection to Thermograph broke. Check that it still runs and try again.`,
        ),
      );
    request.send(file);
  });
}

/** Has the engine write an export, then lets the browser download it (saved where the browser saves files). */
export async function downloadExport(
  access: BrowserFiles,
  request: DownloadRequest,
): Promise<ApiResult<PreparedDownload>> {
  let answer: ApiResult<PreparedDownload>;
  try {
    const response = await fetch(`${fileRoutePaths.prepare}?token=${encodeURIComponent(access.token)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    answer = parseAnswer<PreparedDownload>(response.status, await response.text());
  } catch {
    return failure(
      'The export could not be asked for: the connection to Thermograph broke. Check that it still runs and try again.',
    );
  }
  if (!answer.ok) return answer;
  // The route answers with Content-Disposition: attachment, so the link downloads and the page stays.
  const link = document.createElement('a');
  link.href = `${answer.value.url}?token=${encodeURIComponent(access.token)}`;
  link.download = answer.value.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  return answer;
}
