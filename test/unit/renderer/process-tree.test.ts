import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src-shared/model/process';
import {
  flatRows,
  inHeldOrder,
  listedProcesses,
  withoutCollapsed,
  matchesSearch,
  searchTerms,
  treeRows,
} from '../../../src-renderer/views/new-recording/process-tree';

/** A process from a compact description: pid, parent, name, and optional overrides. */
function process(pid: number, parentPid: number, name: string, extra: Partial<ProcessInfo> = {}): ProcessInfo {
  return {
    pid,
    parentPid,
    name,
    user: 'dev',
    uid: 1000,
    cpuPercent: 0,
    rssBytes: 1024 * pid,
    commandLine: `/usr/bin/${name}`,
    runtime: 'native',
    startedAt: 0,
    accessible: true,
    ...extra,
  };
}

// init(1) ─┬─ bash(10) ── node(11) ── node(12) worker
//          └─ sshd(20) ── python(21)
// orphan(30, parent 999 not listed)
const processes = [
  process(1, 0, 'init', { user: 'root' }),
  process(10, 1, 'bash', { cpuPercent: 5 }),
  process(11, 10, 'node', { commandLine: 'node server.js', runtime: 'node', cpuPercent: 50 }),
  process(12, 11, 'node', { commandLine: 'node worker.js', runtime: 'node', cpuPercent: 20 }),
  process(20, 1, 'sshd', { user: 'root' }),
  process(21, 20, 'python3', { commandLine: 'python3 app.py', runtime: 'python', cpuPercent: 80 }),
  process(30, 999, 'orphan'),
];

/** Rows as readable "indent+name" lines, with "~" marking ancestors shown only for context. */
function outline(rows: ReturnType<typeof treeRows>): string[] {
  return rows.map((row) => `${'  '.repeat(row.depth)}${row.matches ? '' : '~'}${row.process.name}(${row.process.pid})`);
}

describe('process search', () => {
  it('matches every term against name, pid, user or command line, ignoring case', () => {
    const node = processes[2]!;
    expect(matchesSearch(node, searchTerms('SERVER'))).toBe(true);
    expect(matchesSearch(node, searchTerms('11'))).toBe(true);
    expect(matchesSearch(node, searchTerms('dev node'))).toBe(true);
    expect(matchesSearch(node, searchTerms('node python'))).toBe(false);
    expect(matchesSearch(node, searchTerms('   '))).toBe(true);
  });

  it('matches a number only as a whole pid or a whole number in the name or command line', () => {
    const browser = process(4321, 1, 'chromium', { commandLine: 'chromium --launch-time-ticks=84321987 --port=9222' });
    expect(matchesSearch(browser, searchTerms('4321'))).toBe(true);
    expect(matchesSearch(browser, searchTerms('432'))).toBe(false);
    expect(matchesSearch(browser, searchTerms('9222'))).toBe(true);
    expect(matchesSearch(browser, searchTerms('84321'))).toBe(false);
    expect(matchesSearch(browser, searchTerms('84321987'))).toBe(true);
    expect(matchesSearch(browser, searchTerms('time-ticks=84'))).toBe(true);
  });
});

describe('flatRows', () => {
  it('filters and sorts by any column, ties broken by pid', () => {
    const byCpu = flatRows(processes, '', { key: 'cpuPercent', descending: true });
    expect(byCpu.map((row) => row.process.pid)).toEqual([21, 11, 12, 10, 1, 20, 30]);
    const byName = flatRows(processes, 'node', { key: 'name', descending: false });
    expect(byName.map((row) => row.process.pid)).toEqual([11, 12]);
    const byUserReversed = flatRows(processes, '', { key: 'user', descending: true });
    expect(byUserReversed.map((row) => row.process.user)).toEqual(['root', 'root', 'dev', 'dev', 'dev', 'dev', 'dev']);
  });
});

describe('treeRows', () => {
  it('nests children under parents and treats unlisted parents as roots', () => {
    expect(outline(treeRows(processes, '', { key: 'pid', descending: false }))).toEqual([
      'init(1)',
      '  bash(10)',
      '    node(11)',
      '      node(12)',
      '  sshd(20)',
      '    python3(21)',
      'orphan(30)',
    ]);
  });

  it('sorts siblings by the chosen column', () => {
    const ascending = treeRows(processes, '', { key: 'cpuPercent', descending: false });
    expect(outline(ascending).slice(0, 3)).toEqual(['init(1)', '  sshd(20)', '    python3(21)']);
    const descending = treeRows(processes, '', { key: 'cpuPercent', descending: true });
    expect(outline(descending).slice(0, 3)).toEqual(['init(1)', '  bash(10)', '    node(11)']);
  });

  it('keeps the ancestors of matches visible, marked as context', () => {
    expect(outline(treeRows(processes, 'worker', { key: 'pid', descending: false }))).toEqual([
      '~init(1)',
      '  ~bash(10)',
      '    ~node(11)',
      '      node(12)',
    ]);
  });

  it('marks rows that have visible children', () => {
    const rows = treeRows(processes, 'python', { key: 'pid', descending: false });
    expect(rows.map((row) => [row.process.pid, row.hasChildren])).toEqual([
      [1, true],
      [20, true],
      [21, false],
    ]);
  });

  it('still shows processes whose parents form a cycle', () => {
    const cycle = [process(5, 6, 'a'), process(6, 5, 'b')];
    expect(
      treeRows(cycle, '', { key: 'pid', descending: false })
        .map((row) => row.process.pid)
        .sort(),
    ).toEqual([5, 6]);
  });
});

describe('kernel threads', () => {
  const kthreadd = process(2, 0, 'kthreadd', { commandLine: '', user: 'root' });
  const worker = process(3, 2, 'kworker/0:1', { commandLine: '', user: 'root' });

  it('are left out unless asked for, and everything else stays', () => {
    const all = [...processes, kthreadd, worker];
    expect(listedProcesses(all, false).map((entry) => entry.pid)).toEqual(processes.map((entry) => entry.pid));
    expect(listedProcesses(all, true)).toHaveLength(all.length);
  });
});

describe('rows held under the pointer', () => {
  it('keep their order through a refresh; new processes come last and gone ones drop out', () => {
    const byCpu = { key: 'cpuPercent', descending: true } as const;
    const before = flatRows(processes, '', byCpu).map((row) => row.process.pid);
    // After a refresh bash is the busiest, a new process is busier still, and the worker is gone.
    const refreshed = [
      ...processes
        .filter((entry) => entry.pid !== 12)
        .map((entry) => (entry.pid === 10 ? { ...entry, cpuPercent: 90 } : entry)),
      process(40, 1, 'new-busy', { cpuPercent: 99 }),
    ];
    const held = inHeldOrder(flatRows(refreshed, '', byCpu), before).map((row) => row.process.pid);
    expect(held).toEqual([...before.filter((pid) => pid !== 12), 40]);
    expect(flatRows(refreshed, '', byCpu)[0]!.process.pid).toBe(40);
  });
});

describe('folded tree nodes', () => {
  it('hide their descendants and stay listed themselves', () => {
    const byPid = { key: 'pid', descending: false } as const;
    const tree = treeRows(processes, '', byPid);
    const pids = (rows: readonly { process: { pid: number } }[]) => rows.map((row) => row.process.pid);
    // Folding bash (10) hides node 11 and its worker 12; folding a leaf changes nothing.
    expect(pids(withoutCollapsed(tree, new Set([10])))).toEqual(pids(tree).filter((pid) => pid !== 11 && pid !== 12));
    expect(pids(withoutCollapsed(tree, new Set([12])))).toEqual(pids(tree));
    expect(pids(withoutCollapsed(tree, new Set([1])))).toEqual(
      pids(tree).filter((pid) => ![10, 11, 12, 20, 21].includes(pid)),
    );
  });
});
