// The shape every profile importer has (one file per format, isX/importX pairs behind this
// interface). The registry in index.ts detects the format by content and runs the importer; every
// importer ends in ProfileBuilder.

import type { Profile } from '../../src-shared/profile/profile';
import type { Bytes, EpochMilliseconds } from '../../src-shared/units';

import type { ImportFormat } from '../../src-shared/profile/formats';

export type { ExportFormat, ImportFormat } from '../../src-shared/profile/formats';

/** A file being imported. Its bytes are read as a stream so files beyond V8's string limit work. */
export interface ImportInput {
  /** The file's name or path, for messages. */
  name: string;
  /**
   * The content's size in bytes: decompressed for gzip files (measured when the file is opened), an
   * estimate for UTF-16 text (read as UTF-8).
   */
  size: Bytes;
  /** The first bytes (already decompressed), at most 64 KiB: enough to detect the format. */
  head: Buffer;
  /** The whole content (decompressed, UTF-8), in chunks; each call starts from the beginning. */
  chunks(): AsyncIterable<Buffer>;
  /**
   * The same chunks as chunks(), in two buffers used in turn: a chunk is valid only until the next
   * is asked for. For readers that copy what they keep (plain files only): fresh 1 MiB buffers cost
   * page faults, half of reading a 380 MB file.
   */
  transientChunks?(): AsyncIterable<Buffer>;
  /**
   * The whole content in one buffer, read straight into it (plain files only: no chunk is copied).
   * Rejects with RangeError when no buffer that large can be allocated.
   */
  wholeContent?(): Promise<Buffer>;
}

/** Settings every importer honours. */
export interface ImportOptions {
  /** Wall-clock time for sample time 0 when the format carries none (folded stacks, perf script). */
  fallbackStartTime: EpochMilliseconds;
  /**
   * Told what the user should know about an import that succeeded: what was left out or skipped
   * ("2 lines that are not folded stacks were skipped"). One sentence each.
   */
  note?: (message: string) => void;
}

/** One importable format. */
export interface ProfileImporter {
  readonly format: ImportFormat;
  /** What people call the format, for messages: "Chrome/Node .cpuprofile". */
  readonly description: string;
  /** True when the first (decompressed) bytes look like this format. Cheap; never throws. */
  detect(head: Buffer): boolean;
  /**
   * Reads the input into one or more profiles (CPU, allocation). Throws ThermographError
   * ('invalid-profile') with a message that names the file, says what is wrong and what to do.
   */
  import(input: ImportInput, options: ImportOptions): Promise<Profile[]>;
}
