// Opens a source location in the user's editor through the engine (THERMOGRAPH_EDITOR). Without
// an editor the engine's vscode:// link is never followed: in browser mode Chromium hands it to an
// external handler and the tab stopped taking clicks, and Electron denies such navigation anyway.
// The caller gets the place as text instead, to show with a Copy button (or a toast says it).

import type { AppContext } from '../../state/context';

/** A place in a source file. */
export interface SourcePlace {
  file: string;
  line: number | null;
  column?: number | null;
}

/** What opening did: opened in the editor, shown as text (no editor configured), or failed (toast). */
export type OpenOutcome = { kind: 'opened' } | { kind: 'no-editor'; location: string } | { kind: 'failed' };

/** `file:line` as an editor's "go to" takes it. */
export function placeText(place: SourcePlace): string {
  return place.line && place.line > 0 ? `${place.file}:${place.line}` : place.file;
}

/** The hint for configuring an editor, shown with the path when there is none. */
export const editorHint = 'Set THERMOGRAPH_EDITOR (for example "code --goto {file}:{line}") to open files from here.';

/**
 * Asks the engine to open `place`. Without an editor, a toast says where the file is unless
 * `quiet` (the caller shows the place itself).
 */
export async function openSourcePlace(app: AppContext, place: SourcePlace, quiet = false): Promise<OpenOutcome> {
  const result = await app.client.api.openSource({
    file: place.file,
    line: place.line ?? 0,
    column: place.column ?? 0,
  });
  if (!result.ok) {
    app.toasts.error(result.error.message);
    return { kind: 'failed' };
  }
  if (result.value.opened) {
    app.toasts.info(`Opened ${place.file}:${Math.max(1, place.line ?? 0)} in the editor.`);
    return { kind: 'opened' };
  }
  const location = placeText(place);
  if (!quiet) app.toasts.info(`No editor is configured. The source is at ${location}. ${editorHint}`);
  return { kind: 'no-editor', location };
}

/** Copies text to the clipboard; false when the browser refuses (the caller then selects it for Ctrl+C). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Opens a profiled function's source where the profile knows its file (a toast says the outcome). */
export function openFrameSource(app: AppContext, frame: { file: string | null } & Omit<SourcePlace, 'file'>): void {
  if (frame.file) void openSourcePlace(app, { file: frame.file, line: frame.line, column: frame.column });
}
