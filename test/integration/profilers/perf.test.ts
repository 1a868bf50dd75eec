import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpPerfLeftover, createPerfProfiler, perfProfiler } from '../../../src-main/profilers/perf';
import type { ProfilerEvents, ProfilerOptions, ProfilerTarget } from '../../../src-main/profilers/profiler';
import { parsePerfScript } from '../../../src-main/import/perf-script';
import { LineAddresses, profileWithLines } from '../../../src-main/profilers/perf/perf-lines';
import { ThermographError } from '../../../src-shared/api/errors';
import { processesWith } from '../../helpers/processes';
import {
  buildNativeHot,
  isRunning,
  memoryJournal,
  selfWeights,
  shareOf,
  stackLines,
  startProgram,
  type StartedProgram,
} from './perf-targets';

// Real perf on a real compiled program: hot_function does 70 % of the work, cold_function 30 %.
const options: ProfilerOptions = { samplingHz: 999, allocations: false };
let native: ReturnType<typeof buildNativeHot>;
let program: StartedProgram | null = null;
const warnings: string[] = [];
const events: ProfilerEvents = { warning: (message) => warnings.push(message) };

function targetOf(started: StartedProgram, argv: string[]): ProfilerTarget {
  return { pid: started.pid, launched: true, runtime: 'native', argv };
}

beforeAll(() => {
  native = buildNativeHot();
});
afterAll(() => native.remove());
afterEach(async () => {
  await program?.stop();
  // A Node.js target run with --perf-basic-prof leaves its symbol map behind.
  if (program) rmSync(`/tmp/perf-${program.pid}.map`, { force: true });
  program = null;
  warnings.length = 0;
});

describe('perf profiler', () => {
  it('finds hot_function as the top self function (frame pointers) and leaves no perf process', async () => {
    program = await startProgram([native.binary, '20']);
    const target = targetOf(program, [native.binary, '20']);
    expect(await perfProfiler.check(target)).toBeNull();
    const journal = memoryJournal();
    const running = await perfProfiler.start(target, options, events, journal);
    expect(journal.entries.size).toBe(1);
    const perfPid = journal.remembered[0]!.pid;
    const directory = String(journal.remembered[0]!.detail['directory']);
    await delay(1500);
    const [profile] = await running.stop();
    expect(await running.stop()).toEqual([profile]);
    expect(isRunning(perfPid)).toBe(false);
    expect(journal.entries.size).toBe(0);
    expect(existsSync(directory)).toBe(false);

    const user = selfWeights(profile!, ['native']);
    expect(user[0]![0]).toBe('hot_function');
    const share = shareOf(
      user.filter(([name]) => name === 'hot_function' || name === 'cold_function'),
      'hot_function',
    );
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.9);
    expect(profile!.source.tool).toBe('perf');
    expect(profile!.weightUnit).toBe('milliseconds');
    expect(profile!.threads[0]).toEqual({ name: 'native-hot', tid: program.pid });
    expect(Math.abs(profile!.startTime - Date.now())).toBeLessThan(60_000);
    expect(program.child.exitCode).toBeNull();
    // A native program gets line costs (addr2line on its addresses), each sample its own.
    expect(profile!.source.linesNote).toBeUndefined();
    expect(profile!.lines?.sampleNode).toHaveLength(profile!.samples.length);
  });

  it('unwinds with DWARF: hot_function is called from main', async () => {
    program = await startProgram([native.binary, '20']);
    const dwarf = createPerfProfiler({ callGraph: 'dwarf' });
    const running = await dwarf.start(targetOf(program, [native.binary]), options, events, memoryJournal());
    await delay(1500);
    const [profile] = await running.stop();
    expect(selfWeights(profile!, ['native'])[0]![0]).toBe('hot_function');
    expect(stackLines(profile!).some((line) => /(^|;)main;hot_function$/.test(line))).toBe(true);
  });

  it('handles a target that exits by itself during the recording', async () => {
    // Long enough for perf, which can take a second to start on a loaded machine, to see it run.
    program = await startProgram([native.binary, '2.5']);
    const journal = memoryJournal();
    const running = await perfProfiler.start(targetOf(program, [native.binary, '2.5']), options, events, journal);
    const perfPid = journal.remembered[0]!.pid;
    // perf ends on its own when its only target exits.
    for (let attempt = 0; attempt < 100 && isRunning(perfPid); attempt++) await delay(100);
    expect(isRunning(program.pid)).toBe(false);
    const [profile] = await running.stop();
    expect(selfWeights(profile!, ['native'])[0]![0]).toBe('hot_function');
    expect(isRunning(perfPid)).toBe(false);
  });

  it('names JavaScript frames of a Node.js program launched with --perf-basic-prof', async () => {
    const plan = perfProfiler.prepareLaunch({ argv: [process.execPath, 'script.js'], env: {} }, options);
    expect(plan.argv).toEqual([process.execPath, '--perf-basic-prof', 'script.js']);
    const argv = [
      process.execPath,
      '--perf-basic-prof',
      '-e',
      'const e=Date.now()+20000;function spinHot(){let v=0;for(let i=0;i<1e6;i++)v+=Math.sqrt(i);return v}console.log("ready "+process.pid);while(Date.now()<e)spinHot()',
    ];
    program = await startProgram(argv);
    const running = await perfProfiler.start(targetOf(program, argv), options, events, memoryJournal());
    await delay(1500);
    const [profile] = await running.stop();
    expect(selfWeights(profile!, ['js']).map(([name]) => name)).toContain('spinHot');
    // JIT code has no lines perf can give: none are asked for, and the profile says why.
    expect(profile!.lines).toBeUndefined();
    expect(profile!.source.linesNote).toMatch(/native programs only: this recording runs JavaScript/);
  });

  it('stops the line pass at its time budget, ending addr2line, and keeps the reason', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-perf-lines-'));
    try {
      const output = path.join(folder, 'perf.data');
      execFileSync('perf', [
        'record',
        '-q',
        '-F',
        '999',
        '-e',
        'cpu-clock',
        '-g',
        '-o',
        output,
        '--',
        native.binary,
        '1',
      ]);
      const parserOptions = { epochOf: null, fallbackStartTime: 0, requestedIntervalMs: 1, tool: 'perf' };
      const fields = 'comm,pid,tid,time,event,period,ip,sym,dso';
      const addresses = new LineAddresses();
      const plain = await parsePerfScript(
        spawn('perf', ['script', '-F', fields, '-i', output], { stdio: ['ignore', 'pipe', 'ignore'] }).stdout,
        { ...parserOptions, addresses: addresses.add },
      );
      expect([...addresses.byDso.keys()]).toContain(native.binary);
      const stopped = await profileWithLines(output, fields, parserOptions, plain, addresses, 1);
      expect(stopped).toEqual({ reason: expect.stringMatching(/longer than 0.001 s and was stopped/) });
      // No addr2line on the binary (nor a perf script) is left running; a killed one may take a moment to go.
      const leftovers = () => [...processesWith(output), ...processesWith(native.binary)];
      for (let attempt = 0; attempt < 20 && leftovers().length > 0; attempt++) await delay(100);
      expect(leftovers()).toEqual([]);
      const lined = await profileWithLines(output, fields, parserOptions, plain, addresses);
      expect('profile' in lined && lined.profile.samples.length).toBe(plain.samples);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects a process that does not exist with process-not-found', async () => {
    const started = startProgram([native.binary, '0']);
    program = await started;
    await program.stop();
    const failure = await perfProfiler
      .start(targetOf(program, [native.binary]), options, events, memoryJournal())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ThermographError);
    expect((failure as ThermographError).code).toBe('process-not-found');
    expect(await perfProfiler.check(targetOf(program, [native.binary]))).not.toBeNull();
  });

  it('cleans up a perf process left running, and only when its start time matches', async () => {
    program = await startProgram([native.binary, '20']);
    const journal = memoryJournal();
    const running = await perfProfiler.start(targetOf(program, [native.binary]), options, events, journal);
    const entry = journal.remembered[0]!;
    await cleanUpPerfLeftover({ ...entry, startTicks: entry.startTicks + 1 });
    expect(isRunning(entry.pid)).toBe(true);
    await cleanUpPerfLeftover(entry);
    expect(isRunning(entry.pid)).toBe(false);
    expect(existsSync(String(entry.detail['directory']))).toBe(false);
    // The profiler whose perf was ended from outside still stops without hanging.
    await running.stop().catch(() => []);
  });
});
