// Creates the engine every transport shares: the store, the collectors, the recordings and the
// validated API over them.

import {
  apiMethodNames,
  type ApiEvent,
  type ApiEvents,
  type ThermographInProcessApi,
} from '../../src-shared/api/contract';
import { setTimeout as delay } from 'node:timers/promises';
import { ThermographError } from '../../src-shared/api/errors';
import { ProcessLister } from '../collectors/process-list';
import { chooseProfiler, cleanUpLeftover } from '../profilers/choose';
import { RecordingManager } from '../sessions/recording-manager';
import { SeriesRunner } from '../sessions/series-runner';
import { ExperimentRunner } from '../recommend/actions/experiment-runner';
import { endAbandonedRunGroup, isExperimentLeftover, restoreJournaledChange } from '../recommend/actions/recovery';
import { openDatabase } from '../store/database';
import { SessionStore } from '../store/session-store';
import { dispatch } from './dispatch';
import type { Engine, EngineListener, EngineOptions } from './engine-types';
import { createApiImplementation } from './implementation';

/** Opens the database (recovering sessions a crash left open) and returns a ready engine. */
export function createEngine(options: EngineOptions): Engine {
  const database = openDatabase(options.databasePath, {
    readonly: options.readOnly ?? false,
  });
  const store = new SessionStore(database);
  let closed = false;
  let leftovers: Promise<void> = Promise.resolve();
  if (!options.readOnly) {
    store.recoverInterruptedSessions();
    for (const { runGroup } of store.recoverInterruptedExperiments(Date.now())) endAbandonedRunGroup(runGroup);
    leftovers = cleanUpLeftovers(store, () => closed);
  }
  const listeners = new Set<EngineListener>();
  const emit: EngineListener = <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken transport must not stop the recording or the other transports.
        console.error(`Thermograph: an event listener failed on ${event}:`, error);
      }
    }
  };
  const defaultCwd = process.cwd();
  // Browser mode and the desktop app also serve a UI: a recording's cost is then shared with it.
  const recordings = new RecordingManager(
    { store, emit, sharedProcess: () => options.mode !== 'cli' },
    defaultCwd,
    chooseProfiler,
  );
  const series = new SeriesRunner({ store, recordings, emit });
  const experiments = new ExperimentRunner({ store, emit });
  const implementation = createApiImplementation({
    store,
    recordings,
    series,
    experiments,
    processes: new ProcessLister(),
    emit,
    appInfo: { mode: options.mode, databasePath: options.databasePath, defaultCwd },
  });
  let closing: Promise<void> | null = null;
  return {
    api: inProcessApi((method, params) => dispatch(implementation, method, params)),
    dispatch: (method, params) => dispatch(implementation, method, params),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        // A series first, or it would start its next run as the recordings stop.
        await series.stopAll();
        // Cancelled, not kept: a half-run experiment says nothing.
        await experiments.stopAll();
        await recordings.stopAll();
        // A short command (`sessions`) may end while the clean-up of a crash is still going on:
        // wait for it, within a bound, so it never touches a closed database.
        await Promise.race([leftovers, delay(leftoverCleanUpLimitMs, undefined, { ref: false })]);
        closed = true;
        listeners.clear();
        store.close();
      })();
      return closing;
    },
  };
}

/** How long closing the engine waits for the clean-up after a crash. */
const leftoverCleanUpLimitMs = 10_000;

/**
 * Closes what profilers of a Thermograph that crashed left open in targets (an inspector opened with
 * SIGUSR1, a perf process), and restores what its experiments changed in running processes (their
 * threads' nice values, I/O priorities, CPU lists), then forgets it. In the background: a start-up
 * never waits on a target. Stops touching the store once `isClosed` says the engine closed it.
 */
async function cleanUpLeftovers(store: SessionStore, isClosed: () => boolean): Promise<void> {
  try {
    for (const entry of store.abandonedLeftovers()) {
      const cleanedUp = isExperimentLeftover(entry) ? restoreJournaledChange(entry) : cleanUpLeftover(entry);
      await cleanedUp.catch((error: unknown) =>
        console.error(`Thermograph: could not clean up after a crashed profiler (pid ${entry.pid}):`, error),
      );
      if (isClosed()) return;
      store.forgetLeftover(entry.id);
    }
  } catch (error) {
    console.error('Thermograph: could not read the profiler journal:', error);
  }
}

/** Wraps dispatch as async functions that reject with ThermographError, for the CLI and tests. */
function inProcessApi(call: Engine['dispatch']): ThermographInProcessApi {
  const entries = apiMethodNames.map((method) => [
    method,
    async (params: unknown) => {
      const result = await call(method, params);
      if (!result.ok) throw new ThermographError(result.error.code, result.error.message);
      return result.value;
    },
  ]);
  return Object.fromEntries(entries) as ThermographInProcessApi;
}
