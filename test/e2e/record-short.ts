// Records one second of cpu-busy.js (test/fixtures/targets) into an app's database with `thermograph
// record`, timeline only (the fastest): a finished session for tests of the shell around it.
import { spawn } from 'node:child_process';
import { expect, type RunningApp } from './app-fixture';

/** `thermograph record` of a one-second cpu-busy.js run as the session `name`. */
export async function recordShortSession(app: RunningApp, name: string): Promise<void> {
  const recorder = spawn(
    process.execPath,
    ['out/main/cli.js', 'record', '--db', app.databasePath, '--interval', '100', '--profile', 'none', '--quiet'].concat(
      ['--name', name, '--', process.execPath, 'test/fixtures/targets/cpu-busy.js', '1'],
    ),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  recorder.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise<number | null>((resolve) => recorder.once('exit', resolve));
  expect(code, `thermograph record failed:\n${stderr}`).toBe(0);
}
