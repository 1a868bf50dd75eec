// Profile rows: one encoded blob per session and kind, with its summary as JSON beside it.

import type { Database, Statement } from 'better-sqlite3';
import type { Profile, ProfileKind } from '../../src-shared/profile/profile';
import type { ProfileSummary } from '../../src-shared/profile/views';
import { decodeProfile, encodeProfile, profileEncodingVersion } from './profile-encoding';

/** Reads and writes stored profiles. */
export class ProfileRepository {
  private readonly upsert: Statement<[number, string, string, number, Buffer]>;
  private readonly byKind: Statement<[number, string]>;
  private readonly summaryUpdate: Statement<[string, number, string]>;

  constructor(database: Database) {
    this.upsert = database.prepare(
      'INSERT OR REPLACE INTO profiles (session_id, kind, summary, encoding, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.byKind = database.prepare('SELECT encoding, data FROM profiles WHERE session_id = ? AND kind = ?');
    this.summaryUpdate = database.prepare('UPDATE profiles SET summary = ? WHERE session_id = ? AND kind = ?');
  }

  /** Replaces the summary of the session's profile of this kind; false when there is no such profile. */
  updateSummary(sessionId: number, summary: ProfileSummary): boolean {
    return this.summaryUpdate.run(JSON.stringify(summary), sessionId, summary.kind).changes > 0;
  }

  /** Stores (or replaces) the session's profile of this kind. */
  save(sessionId: number, profile: Profile, summary: ProfileSummary): void {
    this.upsert.run(sessionId, profile.kind, JSON.stringify(summary), profileEncodingVersion, encodeProfile(profile));
  }

  /** The session's profile of this kind, or null when there is none. */
  load(sessionId: number, kind: ProfileKind): Profile | null {
    const row = this.byKind.get(sessionId, kind) as { encoding: number; data: Buffer } | undefined;
    return row ? decodeProfile(row.data) : null;
  }
}
