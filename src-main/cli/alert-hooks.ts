// `record --on-alert COMMAND`: runs a shell command when an alert fires or an anomaly is found, with
// the event in THERMOGRAPH_* variables (and as JSON in THERMOGRAPH_EVENT_JSON). Each hook runs in its
// own process group, guarded so it ends with Thermograph even if Thermograph is killed; at the end of
// the recording a hook still running gets a moment to finish and is then ended. Hooks never pile up:
// past a few at once the next event is skipped with a warning.

import { spawn, type ChildProcess } from 'node:child_process';
import { describeWatchEvent } from '../../src-shared/format/watch';
import { watchEventTime, type WatchEvent } from '../../src-shared/model/watch';
import { guard } from '../guardian/guardian';
import { terminate } from '../sessions/launch';

/** Hooks running at once before further events skip theirs. */
const maximumRunning = 4;
/** How long hooks still running at the end may take before they are ended. */
const finishGraceMs = 2_000;

/** Runs the hook command for alerts that fire and anomalies found. */
export class AlertHooks {
  private readonly running = new Set<ChildProcess>();

  constructor(
    private readonly command: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Runs the hook for the events that call for it (a cleared alert does not). */
  run(sessionId: number, events: readonly WatchEvent[]): void {
    for (const event of events) {
      if (event.kind === 'alert' && event.alert.kind !== 'fired') continue;
      if (this.running.size >= maximumRunning) {
        this.warn(`--on-alert: ${maximumRunning} hooks are still running, so this event's was skipped.`);
        continue;
      }
      this.start(sessionId, event);
    }
  }

  /** Waits a little for hooks still running, then ends them and their process groups. */
  async finish(): Promise<void> {
    const deadline = Date.now() + finishGraceMs;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 50));
    await Promise.all([...this.running].map((child) => terminate(child)));
  }

  private start(sessionId: number, event: WatchEvent): void {
    // The hook's output goes to stderr: stdout carries the target's output or the JSON result.
    const child = spawn('/bin/sh', ['-c', this.command], {
      detached: true,
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, ...hookEnvironment(sessionId, event) },
    });
    const hold = child.pid === undefined ? null : guard(child.pid, 'group');
    this.running.add(child);
    child.once('error', (error) => this.warn(`--on-alert could not run "${this.command}": ${error.message}`));
    child.once('close', (code, signal) => {
      this.running.delete(child);
      hold?.release();
      if (code !== 0 && signal === null)
        this.warn(`--on-alert: "${this.command}" exited with code ${code} for: ${describeWatchEvent(event)}`);
    });
  }
}

/** The variables that describe an event to its hook. */
export function hookEnvironment(sessionId: number, event: WatchEvent): Record<string, string> {
  const common = {
    THERMOGRAPH_SESSION: String(sessionId),
    THERMOGRAPH_EVENT: event.kind,
    THERMOGRAPH_TIME: new Date(watchEventTime(event)).toISOString(),
    THERMOGRAPH_MESSAGE: describeWatchEvent(event),
    THERMOGRAPH_EVENT_JSON: JSON.stringify(event),
  };
  if (event.kind === 'alert') {
    const { alert } = event;
    return {
      ...common,
      THERMOGRAPH_RULE: alert.rule.text,
      THERMOGRAPH_METRIC: alert.rule.metric,
      THERMOGRAPH_VALUE: String(alert.value ?? ''),
      THERMOGRAPH_THRESHOLD: String(alert.threshold),
    };
  }
  return {
    ...common,
    THERMOGRAPH_METRIC: event.anomaly.metric,
    THERMOGRAPH_VALUE: String(event.anomaly.value),
    THERMOGRAPH_ANOMALY: event.anomaly.kind,
  };
}
