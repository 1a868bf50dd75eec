// Profiles through the whole engine: a real Node.js target recorded with the V8 profiler, a profile
// file imported as a session, views of both (flame graph, range, hotspots, sandwich), export and
// re-import, and a profiler that cannot run (the timeline is still recorded, and the status says why).

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/api/engine-types';
import { ThermographError } from '../../../src-shared/api/errors';
import type { HotspotTable } from '../../../src-shared/profile/views';
import { targetPath } from '../../fixtures/targets/start-target';
import { sleep, startEngine, temporaryFolder, waitForEnd } from '../../helpers/engine';

const fixtures = resolve(__dirname, '../../fixtures/profiles');
const all = { kind: 'cpu', range: null, thread: null } as const;
let harness: ReturnType<typeof startEngine>;
let engine: Engine;
let folder: ReturnType<typeof temporaryFolder>;

beforeEach(() => {
  harness = startEngine();
  engine = harness.engine;
  folder = temporaryFolder();
});

afterEach(async () => {
  await harness.dispose();
  folder.remove();
});

function topSelf(table: HotspotTable, kind?: string): { name: string; share: number } {
  const row = table.rows.find((candidate) => !kind || table.frames[candidate.frame]!.kind === kind)!;
  return { name: table.frames[row.frame]!.name, share: row.self / table.totalWeight };
}

describe('profiles through the engine', () => {
  it('records a launched Node.js program with the V8 profiler and finds its planted hot function', async () => {
    const started = await engine.api.startRecording({
      target: { kind: 'command', argv: [process.execPath, targetPath('node-hot.js'), '30'] },
      intervalMs: 200,
      profiler: 'node',
    });
    expect(started.profiler?.profiler).toBe('node');
    await sleep(3_000);
    const ended = await engine.api.stopRecording({ sessionId: started.id });
    expect(ended.profiler).toMatchObject({ state: 'done' });
    const cpu = ended.profiles.find((profile) => profile.kind === 'cpu')!;
    expect(cpu.tool).toBeTruthy();
    expect(cpu.sampleCount).toBeGreaterThan(500);
    expect(cpu.achievedRateHz).toBeGreaterThan(100);

    const table = await engine.api.getHotspots({ sessionId: ended.id, selection: all });
    const hot = topSelf(table, 'js');
    expect(hot.name).toBe('hotFunction');
    expect(hot.share).toBeGreaterThan(0.3);

    // A range of the second half holds part of the samples, all within the recording.
    const whole = await engine.api.getFlameGraph({ sessionId: ended.id, selection: all });
    const middle = cpu.startTime + cpu.durationMs / 2;
    const half = await engine.api.getFlameGraph({
      sessionId: ended.id,
      selection: { ...all, range: { start: middle, end: cpu.startTime + cpu.durationMs } },
    });
    expect(half.sampleCount).toBeGreaterThan(0);
    expect(half.sampleCount).toBeLessThan(whole.sampleCount);
    expect(cpu.startTime).toBeGreaterThanOrEqual(ended.startedAt - 1_000);
    expect(cpu.startTime + cpu.durationMs).toBeLessThanOrEqual(ended.endedAt! + 1_000);

    // The sandwich of hotFunction: its callers lead back to the slice loop.
    const frameId = table.frames[table.rows[0]!.frame]!.id;
    const sandwich = await engine.api.getSandwich({ sessionId: ended.id, selection: all, frameId });
    const callerNames = sandwich.callers.frames.map((frame) => frame.name);
    expect(callerNames).toContain('slice');

    // The JS heap is on the timeline.
    const timeline = await engine.api.getTimeline({ sessionId: ended.id });
    const heap = timeline.series.jsHeapUsed ?? [];
    expect(heap.some((value) => value !== null && value > 1_000_000)).toBe(true);
  });

  it('imports a profile file as a session, exports it and reads the export back', async () => {
    const imported = await engine.api.importProfile({ path: join(fixtures, 'folded/perf-go-hot.folded') });
    expect(imported.target).toMatchObject({ kind: 'file', format: 'folded' });
    expect(imported.status).toBe('ended');
    expect(imported.profiles).toHaveLength(1);
    const table = await engine.api.getHotspots({ sessionId: imported.id, selection: all, limit: 5 });
    expect(table.rows.length).toBe(5);

    for (const format of ['speedscope', 'folded', 'pprof'] as const) {
      const out = join(folder.path, `export.${format}`);
      const written = await engine.api.exportProfile({ sessionId: imported.id, format, path: out });
      expect(written.bytes).toBeGreaterThan(0);
      const again = await engine.api.importProfile({ path: out });
      const table2 = await engine.api.getHotspots({ sessionId: again.id, selection: all, limit: 5 });
      const names = (t: HotspotTable) => t.rows.map((row) => `${t.frames[row.frame]!.name} ${row.selfSamples}`);
      expect(names(table2)).toEqual(names(table));
      // A second export to the same file is refused through the API's validation edge, unless asked to replace it.
      const refused = await engine.dispatch('exportProfile', { sessionId: imported.id, format, path: out });
      expect(refused).toMatchObject({ ok: false, error: { code: 'file-exists' } });
      const replaced = await engine.dispatch('exportProfile', {
        sessionId: imported.id,
        format,
        path: out,
        overwrite: true,
      });
      expect(replaced.ok).toBe(true);
    }
    const sessions = await engine.api.listSessions({});
    expect(sessions).toHaveLength(4);
  });

  it('refuses files that are not profiles with a clear message and creates no session', async () => {
    const garbage = join(folder.path, 'notes.txt');
    writeFileSync(garbage, 'this is not a profile\n\u0000\u0001 at all');
    await expect(engine.api.importProfile({ path: garbage })).rejects.toMatchObject({ code: 'invalid-profile' });
    await expect(engine.api.importProfile({ path: join(folder.path, 'missing.cpuprofile') })).rejects.toThrow(
      /missing\.cpuprofile/,
    );
    expect(await engine.api.listSessions({})).toHaveLength(0);
    const error = await engine.api.getFlameGraph({ sessionId: 999, selection: all }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThermographError);
  });

  it('opens a source location in the configured editor, or hands back a vscode:// link', async () => {
    const source = join(folder.path, 'server.js');
    writeFileSync(source, 'function hot() {}\n');
    const link = await engine.api.openSource({ file: source, line: 12, column: 3 });
    expect(link).toEqual({ opened: false, url: `vscode://file${source}:12:3` });
    await expect(engine.api.openSource({ file: join(folder.path, 'gone.js') })).rejects.toMatchObject({
      code: 'not-found',
    });
    // The editor command runs without a shell; here it leaves a marker named after the line.
    process.env.THERMOGRAPH_EDITOR = `touch ${join(folder.path, 'opened-at-{line}')}`;
    try {
      expect(await engine.api.openSource({ file: source, line: 12 })).toMatchObject({ opened: true });
      await expect.poll(() => existsSync(join(folder.path, 'opened-at-12'))).toBe(true);
    } finally {
      delete process.env.THERMOGRAPH_EDITOR;
    }
  });

  it('records the timeline and says why when the chosen profiler cannot run', async () => {
    // The Python profiler asked for a command that is not Python.
    const started = await engine.api.startRecording({
      target: { kind: 'command', argv: ['sleep', '1.5'] },
      intervalMs: 100,
      profiler: 'python',
    });
    const ended = await waitForEnd(engine, started.id);
    expect(ended.profiler?.state).toBe('unavailable');
    expect(ended.profiler?.message).toMatch(/Python version of sleep/);
    expect(ended.profiler?.fix).toBeTruthy();
    expect(ended.sampleCount).toBeGreaterThan(5);
    expect(ended.profiles).toHaveLength(0);
    await expect(engine.api.getFlameGraph({ sessionId: ended.id, selection: all })).rejects.toThrow(/no CPU profile/);
  });
});
