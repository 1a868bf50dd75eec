// The source view's API through browser mode, as the renderer calls it: real programs recorded by
// the built CLI (node-hot.js with the Node profiler, whose positionTicks give line ticks, and
// python-hot.py on CPython 3.9 with austin, whose frames carry the running line, and native-hot.c
// with perf, whose frame addresses addr2line locates), then the built
// `thermograph serve` asked over its WebSocket for getSourceLines: the hot line is the top line.
// And its security: a crafted .cpuprofile names files that are missing, a directory, a FIFO, too
// big, a runtime module and a relative path; each gets a clear answer, and only frame ids (never a
// path) are accepted. `thermograph source` prints the same lines.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { SourceLinesView } from '../../../src-shared/profile/source-lines';
import type { HotspotTable } from '../../../src-shared/profile/views';
import { temporaryFolder } from '../../helpers/engine';
import { buildNativeHot } from '../profilers/perf-targets';
import { builtCli, useBuiltServe } from './serve-process';

const targets = resolve(__dirname, '../../fixtures/targets');
const nodeHot = join(targets, 'node-hot.js');
const pythonHot = join(targets, 'python-hot.py');
const python39 = join(homedir(), '.pyenv/versions/3.9.18/bin/python3');
const path = process.env['PATH'] ?? '';
/** PATH without py-spy (preferred over austin where installed); the interpreter is given by full path. */
const pathWithoutPySpy = path
  .split(delimiter)
  .filter((folder) => !existsSync(join(folder, 'py-spy')))
  .join(delimiter);
const austinInstalled = pathWithoutPySpy.split(delimiter).some((folder) => existsSync(join(folder, 'austin')));
const perfInstalled = ['perf', 'gcc'].every((tool) =>
  path.split(delimiter).some((folder) => existsSync(join(folder, tool))),
);
const all = { kind: 'cpu', range: null, thread: null } as const;

/** The 1-based number of the first line of `file` containing `text` after the line containing `after`. */
function lineOf(file: string, after: string, text: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(after));
  return lines.findIndex((line, index) => index > start && line.includes(text)) + 1;
}

describe('getSourceLines in browser mode', () => {
  const folder = temporaryFolder('thermograph-source-');
  const database = join(folder.path, 'source.db');
  const api = useBuiltServe(database, () => folder.remove());

  function record(args: string[], environment: NodeJS.ProcessEnv = process.env): SessionSummary {
    const result = spawnSync(process.execPath, [builtCli, 'record', '--db', database, '--json', '--quiet', ...args], {
      encoding: 'utf8',
      timeout: 90_000,
      env: environment,
    });
    expect(result.status, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { session: SessionSummary }).session;
  }

  function importFile(file: string): SessionSummary {
    const result = spawnSync(process.execPath, [builtCli, 'import', '--db', database, '--json', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { session?: SessionSummary } & SessionSummary;
    return printed.session ?? printed;
  }

  /** The source view of a frame over the whole session. */
  function sourceOf(sessionId: number, frameId: number): Promise<SourceLinesView> {
    return api.value<SourceLinesView>('getSourceLines', { sessionId, selection: all, frameId });
  }

  /** The frame id of the function named `name` among the session's hotspots. */
  async function frameNamed(sessionId: number, name: string): Promise<number> {
    const table = await api.value<HotspotTable>('getHotspots', { sessionId, selection: all, limit: 100_000 });
    const frame = table.frames.find((candidate) => candidate.name === name);
    expect(frame, `${name} is not in session ${sessionId}`).toBeDefined();
    return frame!.id;
  }

  it('marks the hot loop of a recorded Node.js program as the top line (V8 ticks)', async () => {
    const session = record(['--', process.execPath, nodeHot, '2']);
    const frameId = await frameNamed(session.id, 'hotFunction');
    const view = await sourceOf(session.id, frameId);
    const hotLine = lineOf(nodeHot, 'function hotFunction', 'units * 20_000');
    expect(view.costs.source).toBe('ticks');
    expect(view.hottestLine).toBe(hotLine);
    const hot = view.costs.lines.find((cost) => cost.line === hotLine)!;
    const selfSamples = view.costs.lines.reduce((sum, cost) => sum + cost.selfSamples, 0);
    expect(hot.selfSamples / selfSamples).toBeGreaterThan(0.8);
    expect(view.source.status).toBe('ok');
    expect(view.source.text[hotLine - view.source.firstLine]).toContain('units * 20_000');
    // A range cannot be honoured by ticks counted for the whole recording: the view says so.
    const start = session.startedAt;
    const ranged = await api.value<SourceLinesView>('getSourceLines', {
      sessionId: session.id,
      selection: { ...all, range: { start, end: start + 500 } },
      frameId,
    });
    expect(ranged.costs.selectionHonoured).toBe(false);
    expect(ranged.notes.join(' ')).toMatch(/whole recording/);

    // The CLI prints the same lines, the hottest marked with ">".
    const printed = spawnSync(
      process.execPath,
      [builtCli, 'source', String(session.id), 'hotFunction', '--db', database],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(printed.status, printed.stderr).toBe(0);
    const marked = printed.stdout.split('\n').filter((line) => line.startsWith('>'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(new RegExp(`^> +${hotLine} .*units \\* 20_000`));
    const unknown = spawnSync(
      process.execPath,
      [builtCli, 'source', String(session.id), 'noSuchFunction', '--db', database],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No function named "noSuchFunction"/);
  }, 120_000);

  const pythonMissing = !austinInstalled || !existsSync(python39);
  it.skipIf(pythonMissing)(
    `marks the hot line of a recorded Python program, per sample, with austin${pythonMissing ? ' — skipped: no austin or ~/.pyenv/versions/3.9.18 here' : ''}`,
    async () => {
      const session = record(['--', python39, pythonHot, '2'], { ...process.env, PATH: pathWithoutPySpy });
      expect(session.profiler).toMatchObject({ profiler: 'austin', state: 'done' });
      const frameId = await frameNamed(session.id, 'hot_function');
      const view = await sourceOf(session.id, frameId);
      expect(view.costs.source).toBe('samples');
      expect(view.hottestLine).toBe(lineOf(pythonHot, 'def hot_function', 'total += index % 7'));
      // main's total cost sits on the line that calls hot_function.
      const main = await frameNamed(session.id, 'main');
      const mainView = await sourceOf(session.id, main);
      const callLine = lineOf(pythonHot, 'def main', 'hot_function()');
      const heaviest = [...mainView.costs.lines].sort((left, right) => (right.total ?? 0) - (left.total ?? 0))[0]!;
      expect(heaviest.line).toBe(callLine);
    },
    120_000,
  );

  it.skipIf(!perfInstalled)(
    `marks the inner loop of a recorded C program as the top line, per sample, with perf${perfInstalled ? '' : ' — skipped: no perf or gcc here'}`,
    async () => {
      const native = buildNativeHot();
      try {
        const session = record(['--profile', 'perf', '--', native.binary, '2']);
        expect(session.profiler).toMatchObject({ profiler: 'perf', state: 'done' });
        const frameId = await frameNamed(session.id, 'hot_function');
        const view = await sourceOf(session.id, frameId);
        const nativeHot = join(targets, 'native-hot.c');
        const hotLine = lineOf(nativeHot, 'void hot_function', '7000000UL');
        expect(view.costs.source).toBe('samples');
        expect(view.hottestLine).toBe(hotLine);
        expect(view.notes).toEqual([]);
        expect(view.source).toMatchObject({ status: 'ok', path: nativeHot });
        expect(view.source.text[hotLine - view.source.firstLine]).toContain('7000000UL');

        const printed = spawnSync(
          process.execPath,
          [builtCli, 'source', String(session.id), 'hot_function', '--db', database],
          { encoding: 'utf8', timeout: 60_000 },
        );
        expect(printed.status, printed.stderr).toBe(0);
        const marked = printed.stdout.split('\n').filter((line) => line.startsWith('>'));
        expect(marked).toHaveLength(1);
        expect(marked[0]).toMatch(new RegExp(`^> +${hotLine} .*7000000UL`));
      } finally {
        native.remove();
      }
    },
    120_000,
  );

  it('reads only regular files a frame names, of bounded size, and takes no path', async () => {
    const files = join(folder.path, 'files');
    mkdirSync(files);
    const small = join(files, 'small.js');
    writeFileSync(small, 'function small() {\n  return 1;\n}\n');
    const big = join(files, 'big.js');
    writeFileSync(big, '// x\n'.repeat(600_000));
    const fifo = join(files, 'pipe.js');
    execFileSync('mkfifo', [fifo]);
    const names: Record<string, string> = {
      small: `file://${small}`,
      missing: join(files, 'missing.js'),
      directory: files,
      fifo,
      big,
      runtime: 'node:internal/timers',
      relative: 'lib/app.js',
    };
    const nodes = [{ id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [] as number[] }];
    for (const [name, url] of Object.entries(names)) {
      nodes[0]!.children.push(nodes.length + 1);
      nodes.push({ id: nodes.length + 1, callFrame: { functionName: name, url, lineNumber: 0 }, children: [] });
    }
    const crafted = join(folder.path, 'crafted.cpuprofile');
    const samples = [...nodes.slice(1), ...nodes.slice(1)].map((node) => node.id);
    writeFileSync(
      crafted,
      JSON.stringify({
        nodes,
        startTime: 0,
        endTime: samples.length * 1000,
        samples,
        timeDeltas: samples.map(() => 1000),
      }),
    );
    const session = importFile(crafted);
    const status = async (name: string) => {
      const view = await api.value<SourceLinesView>('getSourceLines', {
        sessionId: session.id,
        selection: all,
        frameId: await frameNamed(session.id, name),
      });
      return { status: view.source.status, message: view.source.message ?? '', lines: view.source.text.length };
    };
    expect(await status('small')).toEqual({ status: 'ok', message: '', lines: 3 });
    expect(await status('missing')).toMatchObject({ status: 'missing', lines: 0 });
    expect(await status('directory')).toMatchObject({ status: 'not-regular', lines: 0 });
    expect(await status('fifo')).toMatchObject({ status: 'not-regular', lines: 0 });
    const tooBig = await status('big');
    expect(tooBig).toMatchObject({ status: 'too-large', lines: 0 });
    expect(tooBig.message).toMatch(/at most 2 MiB/);
    expect(await status('runtime')).toMatchObject({ status: 'not-on-disk', lines: 0 });
    expect(await status('relative')).toMatchObject({ status: 'not-on-disk', lines: 0 });

    // No line costs in a profile without positionTicks: said, not invented.
    const plain = await api.value<SourceLinesView>('getSourceLines', {
      sessionId: session.id,
      selection: all,
      frameId: await frameNamed(session.id, 'small'),
    });
    expect(plain.costs.source).toBe('none');
    expect(plain.notes.join(' ')).toMatch(/records no line costs/);

    // A function with ticks on 5,000 lines (a hostile file): the heaviest 4,000 cross, the hottest first
    // among them, and the text shown stays within the file.
    const positionTicks = Array.from({ length: 5_000 }, (_, index) => ({ line: index + 1, ticks: index + 1 }));
    const many = join(folder.path, 'many.cpuprofile');
    writeFileSync(
      many,
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
          { id: 2, callFrame: { functionName: 'many', url: `file://${small}`, lineNumber: 0 }, positionTicks },
        ],
        startTime: 0,
        endTime: 2000,
        samples: [2, 2],
        timeDeltas: [1000, 1000],
      }),
    );
    const manySession = importFile(many);
    const manyView = await api.value<SourceLinesView>('getSourceLines', {
      sessionId: manySession.id,
      selection: all,
      frameId: await frameNamed(manySession.id, 'many'),
    });
    expect(manyView.costs.lines).toHaveLength(4_000);
    expect(manyView.costs.lines[0]!.line).toBe(1_001);
    expect(manyView.hottestLine).toBe(5_000);
    expect(manyView.source.text).toHaveLength(3);

    // A frame outside the profile, and a path instead of a frame, are refused.
    const outside = await api.call('getSourceLines', { sessionId: session.id, selection: all, frameId: 1_000_000 });
    expect(outside).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const byPath = await api.call('getSourceLines', {
      sessionId: session.id,
      selection: all,
      frameId: 0,
      file: '/etc/passwd',
    });
    expect(byPath).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }, 60_000);
});
