// The profile views of issue 10 through browser mode, as the renderer calls them: a real Node.js
// .cpuprofile (test/fixtures/profiles/cpuprofile/node-hot.cpuprofile) imported by the built CLI,
// then the built `thermograph serve` asked over its WebSocket for hotspots, the Bottom-Up tree and
// stack chart data with and without transforms, and for a folded export that honours them.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { Transform } from '../../../src-shared/profile/transforms';
import type { BottomUpView, HotspotTable, StackChartView } from '../../../src-shared/profile/views';
import { temporaryFolder } from '../../helpers/engine';
import { apiCaller, openSocket } from './http-client';
import { builtCli, startBuiltServe, type ServeProcess } from './serve-process';

const profileFile = resolve(__dirname, '../../fixtures/profiles/cpuprofile/node-hot.cpuprofile');
const all = { kind: 'cpu', range: null, thread: null } as const;
const dropInternal: Transform[] = [{ type: 'drop-internal' }];

describe('profile views and transforms in browser mode', () => {
  const folder = temporaryFolder('thermograph-views-');
  const database = join(folder.path, 'views.db');
  let session: SessionSummary;
  let serve: ServeProcess;
  let socket: WebSocket;

  let call: ReturnType<typeof apiCaller>;
  const value = async <T>(method: string, params: unknown): Promise<T> => {
    const answer = await call<T>(method, params);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };

  beforeAll(async () => {
    const result = spawnSync(process.execPath, [builtCli, 'import', '--db', database, '--json', profileFile], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { session?: SessionSummary } & SessionSummary;
    session = printed.session ?? printed;
    serve = await startBuiltServe(database);
    socket = await openSocket(serve.socketUrl);
    call = apiCaller(socket);
  }, 120_000);

  afterAll(() => {
    socket?.close();
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGTERM');
    folder.remove();
  });

  it("drop-internal hides Node's internals and idle time in every view", async () => {
    const sessionId = session.id;
    const plain = await value<HotspotTable>('getHotspots', { sessionId, selection: all });
    const internal = (table: HotspotTable) =>
      table.rows.filter((row) => table.frames[row.frame]!.file?.startsWith('node:internal/')).length;
    const idle = plain.rows.find((row) => plain.frames[row.frame]!.name === '(idle)')!;
    expect(internal(plain)).toBeGreaterThan(0);
    expect(idle.self).toBeGreaterThan(0);

    const hidden = await value<HotspotTable>('getHotspots', { sessionId, selection: all, transforms: dropInternal });
    // All-internal stacks keep their outermost frame: only run_main_module's chain root may stay.
    const left = hidden.rows.filter((row) => hidden.frames[row.frame]!.file?.startsWith('node:internal/'));
    expect(left.every((row) => hidden.frames[row.frame]!.file === 'node:internal/main/run_main_module')).toBe(true);
    expect(hidden.rows.some((row) => hidden.frames[row.frame]!.name === '(idle)')).toBe(false);
    expect(hidden.totalWeight).toBeCloseTo(plain.totalWeight - idle.self, 6);
    expect(hidden.frames[hidden.rows[0]!.frame]!.name).toBe('hotFunction');

    // Bottom-Up: hotFunction leads; expanding it lists its callers, none of them internal.
    const roots = await value<BottomUpView>('getBottomUp', { sessionId, selection: all, transforms: dropInternal });
    const hot = roots.frames[roots.nodes.frame[1]!]!;
    expect(hot.name).toBe('hotFunction');
    expect(roots.more[1]).toBe(1);
    const callers = await value<BottomUpView>('getBottomUp', {
      sessionId,
      selection: all,
      transforms: dropInternal,
      path: [hot.id],
      depth: 50,
    });
    expect(callers.nodes.total[1]).toBe(roots.nodes.total[1]);
    expect(callers.nodes.length).toBeGreaterThan(2);
    expect(callers.frames.some((frame) => frame.file?.startsWith('node:internal/'))).toBe(false);
  });

  it('answers stack chart runs in time order within the pixel budget', async () => {
    const width = 200;
    const chart = await value<StackChartView>('getStackChart', { sessionId: session.id, selection: all, width });
    expect(chart.sampleCount).toBeGreaterThan(100);
    expect(chart.runs.length).toBeGreaterThan(0);
    expect(chart.runs.length).toBeLessThanOrEqual(2 * width + 1);
    for (let index = 0; index < chart.runs.length; index++) {
      expect(chart.runs.end[index]!).toBeGreaterThan(chart.runs.start[index]!);
      if (index > 0) expect(chart.runs.start[index]!).toBeGreaterThanOrEqual(chart.runs.end[index - 1]!);
      expect(chart.runs.start[index]!).toBeGreaterThanOrEqual(chart.range.start);
    }
    // Every run stands for at least one sample, and together they hold no more than the selection
    // (the only samples in none are sub-pixel stretches whose stacks share no frame, such as idle
    // between calls).
    let samples = 0;
    for (let index = 0; index < chart.runs.length; index++) {
      expect(chart.runs.samples[index]!).toBeGreaterThan(0);
      samples += chart.runs.samples[index]!;
    }
    expect(samples).toBeLessThanOrEqual(chart.sampleCount);
    expect(samples).toBeGreaterThan(chart.sampleCount / 2);
    // Each run's node has its callers in the table, parents before children.
    for (let node = 0; node < chart.nodes.length; node++) expect(chart.nodes.parent[node]!).toBeLessThan(node);
  });

  it('exports a folded file with the transforms applied, and refuses a stale frame id', async () => {
    const exported = (transforms: Transform[] | undefined, name: string) =>
      value<{ path: string }>('exportProfile', {
        sessionId: session.id,
        format: 'folded',
        path: join(folder.path, name),
        ...(transforms ? { transforms } : {}),
      }).then((answer) => readFileSync(answer.path, 'utf8'));
    const plain = await exported(undefined, 'plain.folded');
    const hidden = await exported(dropInternal, 'hidden.folded');
    expect(plain).toContain('prepareMainThreadExecution');
    expect(plain).toContain('(idle)');
    expect(hidden).not.toContain('prepareMainThreadExecution');
    expect(hidden).not.toContain('(idle)');
    expect(hidden).toMatch(/^[^\n]*hotFunction \d+$/m);

    const stale = await call('getFlameGraph', {
      sessionId: session.id,
      selection: all,
      transforms: [{ type: 'merge-function', frame: 1_000_000 }],
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(!stale.ok && stale.error.message).toContain('reload the view');
  });
});
