// Opens a source location in the user's editor through the engine (THERMOGRAPH_EDITOR), or follows
// the vscode:// link the engine returns when no editor is configured; errors become a toast.

import type { AppContext } from '../../state/context';

/** A place in a source file. */
export interface SourcePlace {
  file: string;
  line: number | null;
  column?: number | null;
}

export async function openSourcePlace(app: AppContext, place: SourcePlace): Promise<void> {
  const result = await app.client.api.openSource({
    file: place.file,
    line: place.line ?? 0,
    column: place.column ?? 0,
  });
  if (!result.ok) app.toasts.error(result.error.message);
  else if (result.value.opened) app.toasts.info(`Opened ${place.file}:${Math.max(1, place.line ?? 0)} in the editor.`);
  else if (result.value.url) window.location.href = result.value.url;
}
