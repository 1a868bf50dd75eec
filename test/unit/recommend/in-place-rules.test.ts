// The rules for a running process's I/O priority and CPU affinity: an action only where it can work
// (an I/O scheduler that honours classes, I/O that is mostly the process's own reads; CPUs it is kept
// off), and otherwise the recommendation says why none is offered. A launched command gets neither.

import { describe, expect, it } from 'vitest';
import type { Diagnosis, DiagnosisClass } from '../../../src-shared/diagnosis/diagnosis';
import type { TargetDescription } from '../../../src-shared/model/session';
import { actionUnavailable, type LiveProcessFacts } from '../../../src-main/recommend/facts';
import { recommend, type RecommendationFacts } from '../../../src-main/recommend/recommend';

function diagnosis(kind: DiagnosisClass): Diagnosis {
  return {
    class: kind,
    title: `A ${kind} finding`,
    detail: '',
    confidence: 0.9,
    evidence: [],
    range: { from: 0, to: 1 },
    location: null,
  };
}

const attached: TargetDescription = { kind: 'pid', pid: 10, name: 'db', commandLine: 'db --serve', runtime: 'native' };
const launched: TargetDescription = { kind: 'command', argv: ['db'], cwd: '/srv', env: {}, pid: 10, runtime: 'native' };
const live: LiveProcessFacts = {
  ioScheduler: 'mq-deadline',
  diskReadShare: 0.9,
  allowedCpus: [0, 1],
  onlineCpus: [0, 1],
};
function facts(target: TargetDescription, changes: Partial<LiveProcessFacts> = {}): RecommendationFacts {
  return { target, threadsPeak: 4, otherCpu: 0, heapUsedPeak: null, live: { ...live, ...changes } };
}
function find(id: string, kind: DiagnosisClass, given: RecommendationFacts) {
  return recommend([diagnosis(kind)], given, null, []).find((item) => item.id === id);
}

describe('the I/O priority rule', () => {
  it('offers the realtime class to a reading process under a scheduler that honours classes', () => {
    for (const ioScheduler of ['mq-deadline', 'bfq'])
      expect(find('io-priority', 'io-bound', facts(attached, { ioScheduler }))).toMatchObject({
        action: { kind: 'io-priority', ioClass: 'realtime', level: 4 },
        actionUnavailable: null,
        expectedEffect: expect.stringMatching(/^Only while other programs use the same disk/),
      });
  });

  it('offers no action under a scheduler that ignores priorities, and says why', () => {
    for (const ioScheduler of ['none', 'kyber']) {
      const found = find('io-priority', 'io-bound', facts(attached, { ioScheduler }));
      expect(found!.action).toBeNull();
      expect(found!.actionUnavailable).toMatch(
        new RegExp(`scheduler is ${ioScheduler}, which serves requests without regard to I/O priority`),
      );
    }
    expect(find('io-priority', 'io-bound', facts(attached, { ioScheduler: null }))!.actionUnavailable).toMatch(
      /could not tell which I\/O scheduler/,
    );
  });

  it('leaves out syncing less for a process that mostly reads', () => {
    expect(find('sync-less', 'io-bound', facts(attached))).toBeUndefined();
    expect(find('sync-less', 'io-bound', facts(attached, { diskReadShare: 0.1 }))).toBeDefined();
  });

  it('offers no action to a process that mostly writes, whose writes the kernel sends at its own priority', () => {
    const found = find('io-priority', 'io-bound', facts(attached, { diskReadShare: 0.02 }));
    expect(found!.action).toBeNull();
    expect(found!.actionUnavailable).toMatch(/^Most of its disk I\/O is writes \(98 %\)/);
  });

  it('is not proposed for a launched command', () => {
    expect(find('io-priority', 'io-bound', facts(launched))).toBeUndefined();
  });
});

describe('the CPU affinity rule', () => {
  it('lets a CPU-bound process kept off some CPUs run on all of them', () => {
    for (const kind of ['cpu-bound-single', 'cpu-bound-multi'] as const)
      expect(find('cpu-affinity', kind, facts(attached, { allowedCpus: [0], onlineCpus: [0, 1, 2, 3] }))).toMatchObject(
        {
          title: 'Let it run on every CPU (CPU affinity 0-3)',
          why: expect.stringMatching(/may run only on CPU 0 of the machine’s 4: .* CPUs 1-3 cannot take it/),
          action: { kind: 'cpu-affinity', cpus: [0, 1, 2, 3] },
          actionUnavailable: null,
        },
      );
  });

  it('says nothing about a process that may already run everywhere, nor about a launched command or one that has exited', () => {
    expect(find('cpu-affinity', 'cpu-bound-single', facts(attached))).toBeUndefined();
    expect(find('cpu-affinity', 'cpu-bound-single', facts(launched, { allowedCpus: [0] }))).toBeUndefined();
    const gone = { ...facts(attached), live: null };
    expect(find('cpu-affinity', 'cpu-bound-single', gone)).toBeUndefined();
  });
});

describe('actionUnavailable', () => {
  it('lets a running process take an I/O priority or a CPU affinity, and tells a launched command to record by PID', () => {
    expect(actionUnavailable(facts(attached), 'io-priority')).toBeNull();
    expect(actionUnavailable(facts(attached), 'cpu-affinity')).toBeNull();
    expect(actionUnavailable(facts(launched), 'cpu-affinity')).toMatch(/record the program by PID while it runs/);
    expect(actionUnavailable(facts(launched), 'priority')).toBeNull();
  });
});
