import type { Database } from 'better-sqlite3';

/**
 * One numbered schema step. `version` is what PRAGMA user_version holds once it has run; `up` is
 * SQL, or a function for steps that must move data. It runs inside the caller's transaction, so it
 * must not begin or commit one itself (and foreign_keys cannot be toggled there).
 */
export interface Migration {
  version: number;
  name: string;
  up: string | ((database: Database) => void);
}
