// Records a series for the Compare view's end-to-end tests the way CI would: `thermograph record
// --repeat 5` of the planted-regression benchmark (test/fixtures/targets/planted-regression.js;
// SLOWER=1 makes renderOutput 50 % slower) into the app's database, before the page loads.
import { spawn } from 'node:child_process';
import { expect } from './app-fixture';

/** How a series is recorded. */
export interface SeriesOptions {
  /** Plant the regression. */
  slower: boolean;
  /** The profiler (`node` for flame graphs; `none` records the timeline alone, faster). */
  profile: 'node' | 'none';
  /** The benchmark's work scale (1: about 0.4 s a run). */
  work?: number;
}

/** `thermograph record --repeat 5` of the benchmark into `database` as the series `name`. */
export async function recordSeries(database: string, name: string, options: SeriesOptions): Promise<void> {
  const recorder = spawn(
    process.execPath,
    ['out/main/cli.js', 'record', '--db', database, '--repeat', '5', '--interval', '100'].concat(
      ['--profile', options.profile, '--name', name, '--', process.execPath],
      ['test/fixtures/targets/planted-regression.js', String(options.work ?? 1)],
    ),
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SLOWER: options.slower ? '1' : '0' } },
  );
  let stderr = '';
  recorder.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise<number | null>((resolve) => recorder.once('exit', resolve));
  expect(code, `thermograph record --name ${name} failed:\n${stderr}`).toBe(0);
}
