// Records a second (or `seconds`) of cpu-busy.js (test/fixtures/targets) into an app's database with `thermograph
// record`, timeline only (the fastest): a finished session for tests of the shell around it.
import { spawn } from 'node:child_process';
import { expect, type RunningApp } from './app-fixture';

/** `thermograph record` of a cpu-busy.js run (a second by default) as the session `name`, with `environment` added. */
export async function recordShortSession(
  app: RunningApp,
  name: string,
  { seconds = 1, environment = {} }: { seconds?: number; environment?: Record<string, string> } = {},
): Promise<void> {
  const recorder = spawn(
    process.execPath,
    ['out/main/cli.js', 'record', '--db', app.databasePath, '--interval', '100', '--profile', 'none', '--quiet'].concat(
      ['--name', name, '--', process.execPath, 'test/fixtures/targets/cpu-busy.js', String(seconds)],
    ),
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...environment } },
  );
  let stderr = '';
  recorder.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise<number | null>((resolve) => recorder.once('exit', resolve));
  expect(code, `thermograph record failed:\n${stderr}`).toBe(0);
}
