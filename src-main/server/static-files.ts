// Serving the built renderer: only files inside the renderer folder, never a path that escapes it,
// with content types the browser will not second-guess (the server also sends nosniff).

import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name; unknown kinds are served as opaque bytes. */
export function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Why a request path cannot be served: outside the folder (403) or not there (404). */
export type StaticLookup = { ok: true; path: string } | { ok: false; status: 403 | 404 };

/**
 * Maps a canonical path (from parseRequestTarget: decoded, no `.` or `..`) to a file inside `folder`.
 * It never decodes again: a second decoding is how `%252e%252e` turns into `..` behind a check.
 * The containment checks are repeated on the resolved and the real path, so a symlink pointing
 * outside the folder is refused too.
 */
export async function lookupStaticFile(folder: string, canonicalPath: string): Promise<StaticLookup> {
  if (canonicalPath.includes('\0') || canonicalPath.includes('\\')) return { ok: false, status: 403 };
  const root = resolve(folder);
  const candidate = resolve(root, `.${canonicalPath.startsWith('/') ? canonicalPath : `/${canonicalPath}`}`);
  if (!isInside(root, candidate)) return { ok: false, status: 403 };
  try {
    const [realRoot, realCandidate] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realCandidate)) return { ok: false, status: 403 };
    if (!(await stat(realCandidate)).isFile()) return { ok: false, status: 404 };
    return { ok: true, path: realCandidate };
  } catch {
    return { ok: false, status: 404 };
  }
}

/**
 * True when two paths name the same file (device and inode): a symlink, a hard link or another
 * spelling on a case-insensitive disk cannot make the page look like a public asset.
 */
export async function isSameFile(first: string, second: string): Promise<boolean> {
  try {
    const [one, other] = await Promise.all([stat(first), stat(second)]);
    return one.dev === other.dev && one.ino === other.ino;
  } catch {
    return false;
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}
