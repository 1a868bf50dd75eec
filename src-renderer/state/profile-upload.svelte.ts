// One profile file on its way into the engine (browser mode): sending with its progress, then the
// engine's import. Shared by the drop zone and the import dialog so both say the same things; one
// upload at a time per window, since the engine imports one file after another anyway.

import type { SessionSummary } from '../../src-shared/model/session';
import { browserFiles, uploadProfile } from '../api/browser-files';

/** Where the current upload is. */
export interface UploadProgress {
  /** Who started it, and so shows its progress: a drop on the window, or the import dialog. */
  source: 'drop' | 'dialog';
  fileName: string;
  bytes: number;
  /** 'sending' while the bytes travel (`sent` 0–1), 'importing' while the engine reads them. */
  phase: 'sending' | 'importing';
  sent: number;
}

/** The window's profile upload. */
export class ProfileUpload {
  current = $state<UploadProgress | null>(null);
  #abort: AbortController | null = null;

  /**
   * Abandons the current upload: nothing is imported unless the engine had already started importing
   * it. Offered in both phases, since a browser may count bytes as sent before the network took them.
   */
  cancel(): void {
    this.#abort?.abort();
  }

  /** True where files can be sent (browser mode with its token). */
  get available(): boolean {
    return browserFiles() !== null;
  }

  /** Sends and imports one file; resolves to the new session, or the error's message. */
  async run(
    file: File,
    sessionName: string | null,
    source: UploadProgress['source'],
  ): Promise<{ session: SessionSummary } | { error: string; cancelled: boolean }> {
    const access = browserFiles();
    if (!access) {
      return { error: 'Files can be sent only in browser mode; here, import a profile by its path.', cancelled: false };
    }
    if (this.current) {
      return { error: `${this.current.fileName} is still being imported; wait for it to finish.`, cancelled: false };
    }
    this.current = { source, fileName: file.name, bytes: file.size, phase: 'sending', sent: 0 };
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const result = await uploadProfile(
        access,
        file,
        sessionName,
        (sent) => {
          if (!this.current) return;
          this.current = { ...this.current, sent, phase: sent >= 1 ? 'importing' : 'sending' };
        },
        abort.signal,
      );
      return result.ok ? { session: result.value } : { error: result.error.message, cancelled: abort.signal.aborted };
    } finally {
      this.current = null;
      this.#abort = null;
    }
  }
}

/** The one upload of this window. */
export const profileUpload = new ProfileUpload();
