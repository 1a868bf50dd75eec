// A request's target, decoded and normalised once, before any check looks at it. Every rule of the
// server (is this the page? the API socket? a file inside the renderer?) then compares one canonical
// path, so `/%69ndex.html`, `/assets/../index.html` and `//index.html` are all `/index.html` and
// meet the same check as the plain spelling. Nothing decodes a path again after this.

/** A canonical path (`/` and segments, no `.`, `..`, empty segment or escape) and the query. */
export type RequestTarget =
  { ok: true; path: string; query: URLSearchParams } | { ok: false; status: 400 | 403; reason: string };

/**
 * Parses a request target in origin form (`/path?query`). The absolute form (`http://host/path`) is
 * only for proxies and is refused, as is anything the WHATWG URL parser would rewrite on its own
 * terms (backslashes become slashes, `%2e%2e` becomes `..`): here every spelling is either mapped to
 * the one path it names or refused.
 */
export function parseRequestTarget(target: string | undefined): RequestTarget {
  if (target === undefined || !target.startsWith('/')) {
    return refuse(400, 'The request target must be a path such as /index.html.');
  }
  if (target.includes('#')) return refuse(400, 'A request target never holds a fragment (#).');
  const queryStart = target.indexOf('?');
  const encodedPath = queryStart < 0 ? target : target.slice(0, queryStart);
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return refuse(400, 'The path is not valid percent-encoded UTF-8.');
  }
  // After one decoding a `%` can only be a second layer of encoding, and no file we serve has one in
  // its name; a backslash is a separator on Windows; control characters (NUL above all) end C strings.
  if (hasForbiddenCharacter(decoded)) return refuse(403, 'The path holds a character no served file has.');
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return refuse(403, 'The path leads outside the served folder.');
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const query = new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1));
  return { ok: true, path: `/${segments.join('/')}`, query };
}

function hasForbiddenCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x25 /* % */ || code === 0x5c /* \ */) return true;
  }
  return false;
}

function refuse(status: 400 | 403, reason: string): RequestTarget {
  return { ok: false, status, reason };
}
