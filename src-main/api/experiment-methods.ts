// The experiment half of the API: finds the recommendation a call names, checks that its session is
// a launched command that can be run again (or a running process whose priority, I/O priority or CPU
// affinity it changes), and
// hands the action to the experiment runner; lists
// experiments and launch presets, and removes preset entries.

import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import { actionKey, presetKey } from '../../src-shared/diagnosis/launch-preset';
import type { Recommendation } from '../../src-shared/diagnosis/recommendation';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import { parseOutputMetric } from '../analysis/compare/output-metrics';
import type { ExperimentRunner } from '../recommend/actions/experiment-runner';
import { processTargetKey } from '../recommend/actions/process-experiment';
import { processOutcome } from '../recommend/actions/process-changes';
import { processStartTicks } from '../recommend/actions/process-threads';
import type { SessionStore } from '../store/session-store';

type ExperimentMethods = Pick<
  ApiImplementation,
  'startExperiment' | 'cancelExperiment' | 'listExperiments' | 'listPresets' | 'removePresetEntry'
>;

/** What the experiment methods need from the engine. */
export interface ExperimentServices {
  store: SessionStore;
  runner: ExperimentRunner;
  /** Throws not-found when the session does not exist. */
  existing(sessionId: SessionId): SessionSummary;
  /** The session's recommendation by id; throws not-found saying which ids it has. */
  findRecommendation(sessionId: SessionId, id: string): Recommendation;
}

/** The launch preset key of a session's command; null when it was not a launched command. */
export function sessionTargetKey(session: SessionSummary): string | null {
  return session.target.kind === 'command' ? presetKey(session.target.argv, session.target.cwd) : null;
}

/** Creates the experiment methods of the API. */
export function createExperimentMethods(services: ExperimentServices): ExperimentMethods {
  const { store, runner } = services;
  const refuseBusy = (targetKey: string, what: 'command' | 'process') => {
    if (runner.isRunningOn(targetKey))
      throw new ThermographError(
        'busy',
        `An experiment on this ${what} is already running: two at once would slow each other down and both would measure that. Wait for it to end, or cancel it.`,
      );
  };
  return {
    startExperiment: (params) => {
      const session = services.existing(params.session);
      const { target } = session;
      if (target.kind === 'file')
        throw new ThermographError(
          'invalid-argument',
          `Session ${session.id} was imported from a file: an experiment runs a launched command again and again, so it needs a session of a command Thermograph launched. Record the program with \`thermograph record -- COMMAND\`, then apply its recommendation.`,
        );
      const recommendation = services.findRecommendation(session.id, params.recommendation);
      if (recommendation.action === null)
        throw new ThermographError(
          'invalid-argument',
          `Recommendation "${recommendation.id}" has no action to apply: ${recommendation.actionUnavailable ?? 'it is a change to the code'}`,
        );
      const common = {
        sessionId: session.id,
        recommendationId: recommendation.id,
        rule: recommendation.rule,
        diagnosis: recommendation.diagnosis,
        title: recommendation.title,
        action: recommendation.action,
        runs: params.runs,
        maximumRuns: params.maximumRuns,
      };
      const inPlaceOutcome = processOutcome(recommendation.action);
      if (target.kind === 'pid') {
        if (inPlaceOutcome === null)
          throw new ThermographError(
            'invalid-argument',
            `Session ${session.id} was recorded from a running process (PID ${target.pid}): an experiment runs a launched command again and again, so it needs a session of a command Thermograph launched. Record the program with \`thermograph record -- COMMAND\`, then apply its recommendation.`,
          );
        if (params.outcome !== undefined)
          throw new ThermographError(
            'invalid-argument',
            `An experiment on a running process (PID ${target.pid}) measures its ${inPlaceOutcome}; a metric printed by a command needs a launched command. Apply it without an outcome.`,
          );
        const startTicks = processStartTicks(target.pid);
        if (startTicks === null)
          throw new ThermographError(
            'invalid-argument',
            `PID ${target.pid}, which session ${session.id} recorded, is no longer running: nothing can be changed in it. Record the program again while it runs, then apply.`,
          );
        const running = { pid: target.pid, startTicks };
        const targetKey = processTargetKey(running);
        refuseBusy(targetKey, 'process');
        return runner.start({ ...common, process: running, targetKey, metric: null, windowMs: params.windowMs });
      }
      if (recommendation.action.kind === 'io-priority' || recommendation.action.kind === 'cpu-affinity')
        throw new ThermographError(
          'invalid-argument',
          `An I/O priority or a CPU affinity is tried on a running process, and session ${session.id} launched a command: record the program by PID while it runs (\`thermograph record --pid PID\`), then apply it there.`,
        );
      if (params.windowMs !== undefined)
        throw new ThermographError(
          'invalid-argument',
          `Session ${session.id} launched a command, and an experiment on a command is measured in runs, not windows of time: apply it without a window length.`,
        );
      const metric = params.outcome === undefined ? null : parseOutputMetric(params.outcome);
      if (metric && !metric.ok) throw new ThermographError('invalid-argument', metric.message);
      const targetKey = presetKey(target.argv, target.cwd);
      refuseBusy(targetKey, 'command');
      return runner.start({
        ...common,
        launch: { argv: target.argv, cwd: target.cwd, env: target.env },
        targetKey,
        metric: metric?.ok ? metric.spec : null,
      });
    },
    cancelExperiment: ({ experiment }) => runner.cancel(experiment),
    listExperiments: ({ session }) => {
      if (session !== undefined) services.existing(session);
      return store.listExperiments(session);
    },
    listPresets: ({ session }) => {
      if (session === undefined) return store.listPresets();
      const key = sessionTargetKey(services.existing(session));
      return key === null ? [] : store.listPresets(key);
    },
    removePresetEntry: ({ targetKey, action }) => {
      if (!store.removePresetEntry(targetKey, actionKey(action)))
        throw new ThermographError(
          'not-found',
          "That command's launch preset has no such entry (it may have been removed already); listPresets shows what it has.",
        );
      return store.listPresets(targetKey);
    },
  };
}
