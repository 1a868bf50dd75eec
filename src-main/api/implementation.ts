// The API implementation: each method is a thin adapter from validated params to services.

import { homedir, hostname, userInfo } from 'node:os';
import { ThermographError } from '../../src-shared/api/errors';
import type { ApiImplementation, AppInfo } from '../../src-shared/api/contract';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import { summarizeSamples } from '../../src-shared/timeline/summarize';
import { topFunction } from '../analysis/profile-summary';
import type { ProcessLister } from '../collectors/process-list';
import type { RecordingManager } from '../sessions/recording-manager';
import type { SeriesRunner } from '../sessions/series-runner';
import type { SessionStore } from '../store/session-store';
import type { EngineListener } from './engine-types';
import { markBaseline } from './baseline';
import { createCompareMethods } from './compare-methods';
import { createDiagnosisMethods, findRecommendation, type DiagnosisServices } from './diagnosis-methods';
import { createExperimentMethods, sessionTargetKey } from './experiment-methods';
import type { ExperimentRunner } from '../recommend/actions/experiment-runner';
import { ProfileCache } from './profile-cache';
import { createProfileMethods } from './profile-methods';
import { createReportMethods } from './report-methods';
import { createThreadMethods } from './thread-methods';
import { createRetentionMethods } from './retention-methods';
import { createTrendMethods } from './trend-methods';
import { readTimelineView } from './timeline-view';
import { createWatchMethods } from './watch-methods';
import packageJson from '../../package.json';

/** The services the API adapts. */
export interface ApiServices {
  store: SessionStore;
  recordings: RecordingManager;
  series: SeriesRunner;
  experiments: ExperimentRunner;
  processes: ProcessLister;
  emit: EngineListener;
  appInfo: Pick<AppInfo, 'mode' | 'databasePath' | 'defaultCwd'>;
}

/** Creates the API implementation over the engine's services. */
export function createApiImplementation(services: ApiServices): ApiImplementation {
  const { store, recordings, processes, emit } = services;
  const existing = (sessionId: SessionId): SessionSummary => {
    const session = store.getSession(sessionId);
    if (!session)
      throw new ThermographError('not-found', `Session ${sessionId} does not exist; it may have been deleted.`);
    return recordings.withRecorder(session);
  };
  const changed = (session: SessionSummary): SessionSummary => {
    const seen = recordings.withRecorder(session);
    emit('sessionDidChange', seen);
    return seen;
  };
  // A summary stored before the sessions list showed the top function gets it when its profile is
  // first decoded (opening the session), not by a migration decoding every stored profile at start-up.
  const profiles = new ProfileCache(store, (session, summary, profile) => {
    if (summary.topFunction !== undefined || session.status !== 'ended') return;
    try {
      changed(store.setProfileSummary(session.id, { ...summary, topFunction: topFunction(profile) }));
    } catch {
      // A read-only database keeps its dash in the list; the profile is still shown.
    }
  });
  const diagnosis: DiagnosisServices = {
    store,
    profiles,
    existing,
    flush: (sessionId) => recordings.flush(sessionId),
    threads: (sessionId) => store.readThreads(sessionId),
    history: () => store.listExperimentOutcomes(),
    targetKey: sessionTargetKey,
  };
  const methods: Omit<ApiImplementation, 'exportReport'> = {
    getAppInfo: () => ({
      ...services.appInfo,
      version: packageJson.version,
      hostname: hostname(),
      platform: process.platform,
      user: currentUser(),
      pid: process.pid,
      homeDirectory: homedir(),
    }),
    listProcesses: () => processes.list(),
    startRecording: (params) => recordings.start(params),
    stopRecording: ({ sessionId }) => recordings.stop(sessionId),
    startSeries: (params) => services.series.start(params),
    stopSeries: ({ seriesId }) => services.series.stop(seriesId),
    listSeries: () => services.series.list(),
    listSessions: () => store.listSessions().map((session) => recordings.withRecorder(session)),
    getSession: ({ sessionId }) => existing(sessionId),
    getTimeline: ({ sessionId, from, to, maxPoints }) => {
      const session = existing(sessionId);
      recordings.flush(sessionId);
      return readTimelineView(store, session, { from, to, maxPoints });
    },
    getStatistics: ({ sessionId, from, to }) => {
      existing(sessionId);
      recordings.flush(sessionId);
      const range = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
      return summarizeSamples(store.readSamples(sessionId, range));
    },
    getOutput: ({ sessionId, afterSequence, limit }) => {
      existing(sessionId);
      recordings.flush(sessionId);
      return store.readOutput(sessionId, afterSequence, limit);
    },
    renameSession: ({ sessionId, name }) => changed(store.renameSession(sessionId, name)),
    setSessionTags: ({ sessionId, tags }) => changed(store.setTags(sessionId, [...new Set(tags)])),
    setBaseline: ({ sessionId, baseline, alongside }) => markBaseline(store, sessionId, baseline, changed, alongside),
    deleteSession: async ({ sessionId }) => {
      existing(sessionId);
      // Deleting under another live Thermograph's recording would lose it.
      recordings.refuseIfRecordedElsewhere(sessionId, 'then delete it');
      if (recordings.isRecording(sessionId)) await recordings.stop(sessionId);
      store.deleteSession(sessionId);
      emit('sessionDidDelete', { sessionId });
      return { deleted: true as const };
    },
    ...createProfileMethods({ store, existing, changed, defaultCwd: services.appInfo.defaultCwd, profiles }),
    ...createCompareMethods(store),
    ...createTrendMethods(store),
    ...createThreadMethods({ store, existing, flush: (sessionId) => recordings.flush(sessionId) }),
    ...createRetentionMethods({ store, existing }),
    ...createDiagnosisMethods(diagnosis),
    ...createWatchMethods({ store, recordings, existing, changed }),
    ...createExperimentMethods({
      store,
      runner: services.experiments,
      existing,
      findRecommendation: (sessionId, id) => findRecommendation(diagnosis, sessionId, id),
    }),
  };
  // The report is built from the methods above, so it shows what the UI shows.
  return { ...methods, ...createReportMethods(methods, store, services.appInfo.defaultCwd) };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}
