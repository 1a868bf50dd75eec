// Captured stdout/stderr of launched commands. Sequence numbers are per session and increase, so a
// UI that reconnects asks for what comes after the last chunk it has.

import type { Database, Statement } from 'better-sqlite3';
import type { OutputChunk } from '../../src-shared/model/session';
import type { EpochMilliseconds } from '../../src-shared/units';

/** A piece of output before the store numbers it. */
export interface NewOutputChunk {
  time: EpochMilliseconds;
  stream: OutputChunk['stream'];
  text: string;
}

/** Appends and pages through a session's output. */
export class OutputRepository {
  private readonly nextSequence: Statement<[number]>;
  private readonly insert: Statement<[number, number, number, string, string]>;
  private readonly after: Statement<[number, number, number]>;
  private readonly appendTransaction: (sessionId: number, chunks: readonly NewOutputChunk[]) => OutputChunk[];

  constructor(database: Database) {
    this.nextSequence = database
      .prepare('SELECT COALESCE(MAX(sequence), -1) + 1 FROM output_chunks WHERE session_id = ?')
      .pluck();
    this.insert = database.prepare(
      'INSERT INTO output_chunks (session_id, sequence, time, stream, text) VALUES (?, ?, ?, ?, ?)',
    );
    this.after = database.prepare(
      'SELECT sequence, time, stream, text FROM output_chunks WHERE session_id = ? AND sequence > ? ORDER BY sequence LIMIT ?',
    );
    this.appendTransaction = database.transaction((sessionId: number, chunks: readonly NewOutputChunk[]) => {
      let sequence = this.nextSequence.get(sessionId) as number;
      return chunks.map(({ time, stream, text }) => {
        this.insert.run(sessionId, sequence, time, stream, text);
        return { sequence: sequence++, time, stream, text };
      });
    });
  }

  /** Stores chunks in one transaction and returns them with their sequence numbers (0, 1, 2... per session). */
  append(sessionId: number, chunks: readonly NewOutputChunk[]): OutputChunk[] {
    return chunks.length === 0 ? [] : this.appendTransaction(sessionId, chunks);
  }

  /** Up to `limit` chunks with a sequence greater than `afterSequence`, in order. */
  readAfter(sessionId: number, afterSequence: number, limit: number): OutputChunk[] {
    return this.after.all(sessionId, afterSequence, limit) as OutputChunk[];
  }
}
