// Launch presets: the actions experiments kept, per launched command (its preset key). One entry per
// thing an action changes (its action key), so keeping a new value replaces the old one.

import type { Database, Statement } from 'better-sqlite3';
import type { PresetEntry } from '../../src-shared/diagnosis/experiment';
import { actionKey } from '../../src-shared/diagnosis/launch-preset';

interface PresetRow {
  target_key: string;
  action: string;
  experiment_id: number | null;
  added_at: number;
}

/** Reads, keeps and removes preset entries. */
export class PresetRepository {
  private readonly upsert: Statement<[string, string, string, number | null, number]>;
  private readonly remove: Statement<[string, string]>;
  private readonly all: Statement<[]>;
  private readonly byTarget: Statement<[string]>;

  constructor(database: Database) {
    this.upsert = database.prepare(
      `INSERT INTO launch_presets (target_key, action_key, action, experiment_id, added_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (target_key, action_key) DO UPDATE SET action = excluded.action,
         experiment_id = excluded.experiment_id, added_at = excluded.added_at`,
    );
    this.remove = database.prepare('DELETE FROM launch_presets WHERE target_key = ? AND action_key = ?');
    this.all = database.prepare('SELECT * FROM launch_presets ORDER BY target_key, added_at');
    this.byTarget = database.prepare('SELECT * FROM launch_presets WHERE target_key = ? ORDER BY added_at');
  }

  /** Adds an entry, replacing one of the same target that changes the same thing. */
  keep(entry: PresetEntry): void {
    const { targetKey, action, experimentId, addedAt } = entry;
    this.upsert.run(targetKey, actionKey(action), JSON.stringify(action), experimentId, addedAt);
  }

  /** Removes the target's entry that changes what `key` names; false when there was none. */
  delete(targetKey: string, key: string): boolean {
    return this.remove.run(targetKey, key).changes > 0;
  }

  /** Every entry (of one target when given), oldest first within a target. */
  list(targetKey?: string): PresetEntry[] {
    const rows = (targetKey === undefined ? this.all.all() : this.byTarget.all(targetKey)) as PresetRow[];
    return rows.map((row) => ({
      targetKey: row.target_key,
      action: JSON.parse(row.action) as PresetEntry['action'],
      experimentId: row.experiment_id,
      addedAt: row.added_at,
    }));
  }
}
