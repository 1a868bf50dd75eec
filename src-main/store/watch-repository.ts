// What watching found in a session (alerts fired and cleared, anomalies), one row per event with the
// event as JSON, and the alert rules saved as a target's defaults. See migrations/010-watch-events.ts.

import type { Database, Statement } from 'better-sqlite3';
import { watchEventTime, type AlertRule, type WatchEvent } from '../../src-shared/model/watch';

/** Adds and lists watch events; reads and writes a target's default alert rules. */
export class WatchRepository {
  private readonly insert: Statement<[number, number, string, string]>;
  private readonly ofSession: Statement<[number]>;
  private readonly defaultsOf: Statement<[string]>;
  private readonly saveDefaults: Statement<[string, string]>;
  private readonly clearDefaults: Statement<[string]>;

  constructor(database: Database) {
    this.insert = database.prepare('INSERT INTO watch_events (session_id, time, kind, event) VALUES (?, ?, ?, ?)');
    this.ofSession = database.prepare('SELECT kind, event FROM watch_events WHERE session_id = ? ORDER BY time, id');
    this.defaultsOf = database.prepare('SELECT rules FROM target_alert_rules WHERE target_key = ?');
    this.saveDefaults = database.prepare(
      'INSERT INTO target_alert_rules (target_key, rules) VALUES (?, ?) ON CONFLICT (target_key) DO UPDATE SET rules = excluded.rules',
    );
    this.clearDefaults = database.prepare('DELETE FROM target_alert_rules WHERE target_key = ?');
  }

  /** Adds events (call inside a transaction for several). */
  add(sessionId: number, events: readonly WatchEvent[]): void {
    for (const event of events) {
      const body = event.kind === 'alert' ? event.alert : event.anomaly;
      this.insert.run(sessionId, watchEventTime(event), event.kind, JSON.stringify(body));
    }
  }

  /** The session's events in time order. */
  list(sessionId: number): WatchEvent[] {
    const rows = this.ofSession.all(sessionId) as { kind: WatchEvent['kind']; event: string }[];
    return rows.map((row) =>
      row.kind === 'alert'
        ? { kind: 'alert', alert: JSON.parse(row.event) as never }
        : { kind: 'anomaly', anomaly: JSON.parse(row.event) as never },
    );
  }

  /** The target's saved default rules; none when nothing was saved. */
  targetDefaults(targetKey: string): AlertRule[] {
    const row = this.defaultsOf.get(targetKey) as { rules: string } | undefined;
    return row ? (JSON.parse(row.rules) as AlertRule[]) : [];
  }

  /** Saves the target's default rules; an empty list removes them. */
  setTargetDefaults(targetKey: string, rules: readonly AlertRule[]): void {
    if (rules.length === 0) this.clearDefaults.run(targetKey);
    else this.saveDefaults.run(targetKey, JSON.stringify(rules));
  }
}
