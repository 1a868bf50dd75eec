// The report file: one HTML page holding the viewer (script and style inline) and the document as
// JSON in a non-executable script element. Nothing is fetched: a Content-Security-Policy allows
// only the page's own script and style (by hash) and data: images, so the file works offline and a
// name from a profiled program cannot become markup or code.

import { createHash } from 'node:crypto';
import { reportDataElementId, type ReportData } from '../../src-shared/report/report-data';

/** The viewer's built files (out/report), as text. */
export interface ReportAssets {
  script: string;
  style: string;
}

/**
 * JSON that stays inert inside a script element: every `<`, `>` and `&` is written as a \u escape
 * (so `</script>` or `<!--` in a frame name cannot close or confuse the element), and so are the two
 * line separators JavaScript once treated as line ends. JSON.parse reads the escapes back.
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Escapes text for an HTML text node or attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The policy: this page's script and style only; no network, no frames, no forms, no plugins. */
export function reportPolicy(assets: ReportAssets): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(assets.script)}`,
    `style-src ${sha256(assets.style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The whole page. */
export function reportHtml(data: ReportData, assets: ReportAssets): string {
  if (/<\/(script|style)/i.test(assets.script) || /<\/style/i.test(assets.style))
    throw new Error('The report viewer contains a closing script or style tag; it cannot be inlined.');
  const title = `${data.session.name} — Thermograph report`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${reportPolicy(assets)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="${escapeHtml(data.generator)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${assets.style}</style>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript>This Thermograph report needs JavaScript to draw its charts.</noscript></div>',
    `<script type="application/json" id="${reportDataElementId}">${inertJson(data)}</script>`,
    `<script>${assets.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
