import { describe, expect, it } from 'vitest';
import { sessionSummary as session } from '../../helpers/session-summary';
import { endDetail, endLabel, endTone, runtimeLabel, targetLabel } from '../../../src-shared/format/session-labels';
import { joinCommandLine } from '../../../src-shared/format/command-line';

describe('session labels', () => {
  it('describes the target with its pid first and quotes arguments as typed', () => {
    expect(targetLabel(session().target)).toBe("pid 4242 · node server.js --port '80 80'");
    expect(targetLabel({ ...session().target, pid: null } as never)).toBe("node server.js --port '80 80'");
    expect(
      targetLabel({ kind: 'pid', pid: 9, name: 'python3', commandLine: 'python3 app.py', runtime: 'python' }),
    ).toBe('pid 9 · python3 app.py');
    expect(targetLabel({ kind: 'pid', pid: 2, name: 'kthreadd', commandLine: '', runtime: 'native' })).toBe(
      'pid 2 · kthreadd',
    );
    expect(targetLabel({ kind: 'file', path: '/tmp/a.cpuprofile', format: 'cpuprofile', runtime: 'node' })).toBe(
      'imported cpuprofile · /tmp/a.cpuprofile',
    );
  });

  it('quotes only the arguments a shell would split or expand', () => {
    expect(joinCommandLine(['python3', '-c', "print('hi')", 'a=b', '--x=1,2'])).toBe(
      `python3 -c 'print('\\''hi'\\'')' a=b --x=1,2`,
    );
  });

  it('names each runtime, and an import without one', () => {
    expect(runtimeLabel('node')).toBe('Node.js');
    expect(runtimeLabel('python')).toBe('Python');
    expect(runtimeLabel('native')).toBe('Native');
    expect(runtimeLabel(null)).toBe('Profile file');
  });

  it('says how a session ended, with exit codes and signals', () => {
    expect(endLabel(session())).toBe('Target exited (code 3)');
    expect(endTone(session())).toBe('warning');
    expect(endLabel(session({ exitCode: 0 }))).toBe('Target exited (code 0)');
    expect(endTone(session({ exitCode: 0 }))).toBe('ok');
    expect(endLabel(session({ exitCode: null, exitSignal: 'SIGKILL' }))).toBe('Target killed (SIGKILL)');
    expect(endTone(session({ exitCode: null, exitSignal: 'SIGKILL' }))).toBe('warning');
    expect(endLabel(session({ endReason: 'user-stopped', exitCode: null }))).toBe('Stopped');
    expect(endTone(session({ endReason: 'user-stopped', exitCode: null }))).toBe('ok');
    expect(endLabel(session({ endReason: 'duration-elapsed' }))).toBe('Duration reached');
    expect(endLabel(session({ endReason: 'error' }))).toBe('Failed');
    expect(endTone(session({ endReason: 'error' }))).toBe('error');
    expect(endLabel(session({ endReason: 'recovered-after-crash' }))).toBe('Recovered after crash');
    expect(endTone(session({ endReason: 'recovered-after-crash' }))).toBe('warning');
    expect(endLabel(session({ status: 'recording', endReason: null }))).toBe('Recording');
    expect(endTone(session({ status: 'recording', endReason: null }))).toBe('live');
    const imported = session({ target: { kind: 'file', path: '/a.folded', format: 'folded', runtime: null } });
    expect(endLabel(imported)).toBe('Imported');
  });

  it('adds the stored reason to the label for one line of text', () => {
    expect(endDetail(session())).toBe('Target exited (code 3) — exited with code 3');
    expect(endDetail(session({ endReason: 'user-stopped', exitCode: null, endMessage: null }))).toBe('Stopped');
    expect(endDetail(session({ status: 'recording', endReason: null }))).toBe('Recording');
    const imported = session({
      target: { kind: 'file', path: '/a.folded', format: 'folded', runtime: null },
      endMessage: 'Imported from a.folded (folded).',
    });
    expect(endDetail(imported)).toBe('Imported from a.folded (folded).');
  });
});
