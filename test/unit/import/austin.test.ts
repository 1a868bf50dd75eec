import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { austinFrame, austinImporter, parseAustin } from '../../../src-main/import/austin';
import { importInputFromBytes, openImportInput } from '../../../src-main/import/read-input';
import { ThermographError } from '../../../src-shared/api/errors';
import { frameKinds, totalWeight } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const fixtures = new URL('../../fixtures/profiles/austin/', import.meta.url).pathname;
const options = { fallbackStartTime: 1_700_000_000_000 };

async function parseText(text: string) {
  return parseAustin(
    (async function* () {
      yield Buffer.from(text);
    })(),
    { startTime: 0, requestedIntervalMs: null, tool: 'austin' },
  );
}

describe('austin', () => {
  it('detects austin 1.x and 3.x output and rejects other formats', async () => {
    expect(austinImporter.detect(await readFile(`${fixtures}python-hot-austin-1.0.1.txt`))).toBe(true);
    expect(austinImporter.detect(await readFile(`${fixtures}python-hot-austin-1.0.1-alt.txt`))).toBe(true);
    expect(austinImporter.detect(Buffer.from('# austin: 3.6.0\n# mode: wall\nP1;T0:1;a.py:main:1 10\n'))).toBe(true);
    expect(austinImporter.detect(Buffer.from('P12;T0:12;app.py:main:3 10\n'))).toBe(true);
    expect(austinImporter.detect(Buffer.from('a;b;c 42\n'))).toBe(false);
    expect(austinImporter.detect(Buffer.from('app 7/7 1.000000: 1000000 cpu-clock: \n\t 10 main (/x)\n'))).toBe(false);
  });

  it('imports Debian austin 1.0.1 output: hot_function on top, metrics in microseconds', async () => {
    const text = await readFile(`${fixtures}python-hot-austin-1.0.1.txt`, 'utf8');
    const [profile] = await austinImporter.import(
      await openImportInput(`${fixtures}python-hot-austin-1.0.1.txt`),
      options,
    );
    const microseconds = text
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    expect(totalWeight(profile!)).toBeCloseTo(microseconds / 1000, 6);
    const summary = foldedSummary(profile!).split('\n');
    expect(summary).toHaveLength(2);
    expect(summary[0]).toMatch(/^<module>;cold_function [\d.]+$/);
    expect(summary[1]).toMatch(/^<module>;hot_function [\d.]+$/);
    const weight = (line: string) => Number(line.slice(line.lastIndexOf(' ') + 1));
    expect(weight(summary[1]!)).toBeGreaterThan(weight(summary[0]!) * 1.5);
    expect(profile!.threads).toEqual([{ name: 'Thread 5617a2584ff0', tid: null }]);
    expect(profile!.startTime).toBe(options.fallbackStartTime);
    expect(frameKinds[profile!.frames.kind[0]!]).toBe('python');
  });

  it('keeps the function line of the -a format', async () => {
    const [profile] = await austinImporter.import(
      await openImportInput(`${fixtures}python-hot-austin-1.0.1-alt.txt`),
      options,
    );
    const frame = [...profile!.frames.name].indexOf(profile!.strings.indexOf('hot_function'));
    expect(profile!.frames.line[frame]).toBe(9);
    expect(profile!.strings[profile!.frames.file[frame]!]).toMatch(/python-hot\.py$/);
    expect(foldedSummary(profile!)).toMatch(/^<module>;main;hot_function /m);
  });

  it('reads austin 3 lines with OS thread ids, and -f lines with three metrics', async () => {
    const { profile, samples } = await parseText(
      [
        '# austin: 3.6.0',
        '# mode: cpu',
        'P42;T0:43;/app/main.py:<module>:1;/app/main.py:work:7 1500',
        'P42;T0:44;/app/main.py:<module>:1;/app/main.py:idle:9 500',
        'Thread 7f00;main (a.py);L3;work (a.py);L8 2000 64 0',
      ].join('\n'),
    );
    expect(samples).toBe(3);
    expect(profile.threads).toEqual([
      { name: 'Thread 43', tid: 43 },
      { name: 'Thread 44', tid: 44 },
      { name: 'Thread 7f00', tid: null },
    ]);
    expect(foldedSummary(profile)).toBe('<module>;idle 0.5\n<module>;work 1.5\nmain;work 2');
  });

  it('parses frame texts of both generations', () => {
    expect(austinFrame('L12')).toBeNull();
    expect(austinFrame('run (/srv/app.py)')).toEqual({ name: 'run', kind: 'python', file: '/srv/app.py', line: null });
    expect(austinFrame('C:\\app\\x.py:run:3')).toEqual({ name: 'run', kind: 'python', file: 'C:\\app\\x.py' });
  });

  it('skips and counts garbage lines and ignores empty stacks', async () => {
    const { samples, skippedLines } = await parseText(
      'nonsense here\nThread 1a;f (a.py);L1 100\nThread 1a 300\nThread 1a;f (a.py);L1 notanumber\n',
    );
    expect(samples).toBe(1);
    expect(skippedLines).toBe(2);
  });

  it('rejects a file without samples, and memory profiles, as invalid-profile', async () => {
    const empty = await importInputFromBytes('empty.austin', Buffer.from('Thread 1a 0\n'));
    await expect(austinImporter.import(empty, options)).rejects.toMatchObject({
      code: 'invalid-profile',
      message: expect.stringMatching(/empty\.austin/),
    });
    const memory = await importInputFromBytes(
      'memory.austin',
      Buffer.from('# austin: 3.6.0\n# mode: memory\nP1;T0:1;a.py:f:1 4096\n'),
    );
    const failure = await austinImporter.import(memory, options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ThermographError);
    expect((failure as ThermographError).message).toMatch(/memory profile/);
  });
});

describe('austin line costs', () => {
  it('reads the running line of each frame: L elements (1.x) and 3.x line fields', async () => {
    const { austinRunningLine } = await import('../../../src-main/import/austin');
    expect(austinRunningLine('L12')).toBe(12);
    expect(austinRunningLine('/srv/a.py:work:7')).toBe(7);
    expect(austinRunningLine('work (/srv/a.py)')).toBeNull();
    expect(austinRunningLine('work (/srv/a.py:3)')).toBeNull();
  });

  it('keeps one frame per function and the lines apart', async () => {
    const { lineCostsOf } = await import('../../../src-main/analysis/line-costs');
    const { profile } = await parseText(
      [
        'Thread 1;main (/a.py);L5;work (/a.py);L11 3000',
        'Thread 1;main (/a.py);L5;work (/a.py);L12 1000',
        'Thread 1;main (/a.py);L6;work (/a.py);L11 2000',
      ].join('\n'),
    );
    expect(profile.frames.length).toBe(2);
    const work = profile.frames.name.findIndex((name) => profile.strings[name] === 'work');
    const costs = lineCostsOf(profile, { kind: 'cpu', range: null, thread: null }, work);
    expect(costs.lines.map((cost) => [cost.line, cost.self])).toEqual([
      [11, 5],
      [12, 1],
    ]);
  });
});
