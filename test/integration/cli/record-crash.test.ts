// What `thermograph record` launched or started must not outlive it, even when the recorder is
// killed with SIGKILL (no exit handlers run), and the next command cleans up quietly.

import { spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/engine';
import { processGroupAlive } from '../../../src-main/collectors/process-group';
import { processExists } from '../../../src-main/collectors/process-exists';
import { cli, eventually, startRecorder as startRecorderOn, useCliDatabase } from './cli-harness';

const harness = useCliDatabase();

/** Starts `thermograph record ARGS` on this file's database. */
function startRecorder(args: string[]): Promise<ChildProcess> {
  return startRecorderOn(harness.database, args);
}

async function killHard(recorder: ChildProcess): Promise<void> {
  recorder.kill('SIGKILL');
  await new Promise((resolve) => recorder.once('exit', resolve));
}

/** PIDs of live processes whose command line contains every one of `parts`. */
function processesWith(...parts: string[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (parts.every((part) => commandLine.includes(part))) found.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

function targetPid(): number {
  const shown = harness.run('sessions', ['--json']);
  return (JSON.parse(shown.stdout) as { sessions: { target: { pid: number } }[] }).sessions[0]!.target.pid;
}

describe('a recorder killed with SIGKILL', () => {
  it('takes the launched command and everything in its process group with it', async () => {
    const recorder = await startRecorder(['--profile', 'none', '--', 'sh', '-c', 'sleep 301 & sleep 302 & wait']);
    await sleep(500);
    const group = targetPid();
    expect(processGroupAlive(group)).toBe(true);
    await killHard(recorder);
    expect(await eventually(() => !processGroupAlive(group))).toBe(true);
    expect(processesWith('sleep 301')).toEqual([]);
  });

  it('takes the perf it started with it, and the next command cleans up without a stack trace', async () => {
    const recorder = await startRecorder(['--profile', 'perf', '--', 'sleep', '303']);
    const target = targetPid();
    expect(await eventually(() => processesWith('perf', 'record', '-p', String(target)).length > 0)).toBe(true);
    await killHard(recorder);
    expect(await eventually(() => processesWith('perf', 'record', '-p', String(target)).length === 0)).toBe(true);
    expect(await eventually(() => !processExists(target))).toBe(true);

    // The next command recovers the session: no error output, and the profiler no longer "running".
    const listed = spawnSync(process.execPath, [cli, 'sessions', '--json', '--db', harness.database], {
      encoding: 'utf8',
    });
    expect(listed.stderr).toBe('');
    const [session] = (JSON.parse(listed.stdout) as { sessions: Record<string, unknown>[] }).sessions;
    expect(session).toMatchObject({
      endReason: 'recovered-after-crash',
      profiler: { profiler: 'perf', state: 'failed' },
    });
  });
});
