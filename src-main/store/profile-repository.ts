// Profile rows: one encoded blob per session and kind, with its summary as JSON beside it.

import type { Database, Statement } from 'better-sqlite3';
import type { Profile, ProfileKind } from '../../src-shared/profile/profile';
import type { ProfileSummary } from '../../src-shared/profile/views';
import { decodeProfile, encodeProfile, profileEncodingVersion } from './profile-encoding';

/** Reads and writes stored profiles. */
export class ProfileRepository {
  private readonly upsert: Statement<[number, string, string, number, Buffer]>;
  private readonly byKind: Statement<[number, string]>;

  constructor(database: Database) {
    this.upsert = database.prepare(
      'INSERT OR REPLACE INTO profiles (session_id, kind, summary, encoding, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.byKind = database.prepare('SELECT encoding, data FROM profiles WHERE session_id = ? AND kind = ?');
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
