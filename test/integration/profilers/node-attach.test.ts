// Attaching the Node.js profiler to a running process the way a user does it: the built
// `thermograph record --pid PID --profile node`. What must hold: Thermograph never sends a signal
// whose effect it cannot know, never opens an inspector beyond loopback, and says so when it finds
// one already open there.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import { processExists } from '../../../src-main/collectors/process-exists';
import { listeningSockets } from '../../../src-main/profilers/node/inspector-discovery';
import { targetPath } from '../../fixtures/targets/start-target';
import { useCliDatabase } from '../cli/cli-harness';

const cli = useCliDatabase(60_000);
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A Node.js target started as `node FLAGS PROGRAM ARGS`, once it printed "ready"; its stderr is kept. */
async function nodeTarget(flags: string[], program: string, args: string[] = ['60']) {
  const child = spawn(process.execPath, [...flags, targetPath(program), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/^ready \d+$/m.test(stdout)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${program} exited (${code}) before it was ready: ${stderr}`)));
  });
  return { pid: child.pid!, child, stdout: () => stdout, stderr: () => stderr };
}

/** `thermograph record --pid PID --profile node --duration SECONDS --json ARGS…`, with the session it printed. */
function recordPid(pid: number, seconds: number, args: string[] = []) {
  const result = cli.run('record', [
    '--pid',
    String(pid),
    '--profile',
    'node',
    '--duration',
    String(seconds),
    '--json',
    ...args,
  ]);
  expect(result.code, result.stderr).toBe(0);
  const session = (JSON.parse(result.stdout) as { session: SessionSummary }).session;
  return { session, stderr: result.stderr };
}

describe('thermograph record --pid on a Node.js process: where the inspector listens', () => {
  it('refuses, without signalling, an inspector host that only looks like loopback', async () => {
    const target = await nodeTarget(['--inspect-port=127.0.0.1.example.com:9229'], 'sleeper.js');
    const { session } = recordPid(target.pid, 1);
    expect(session.profiler).toMatchObject({ profiler: 'node', state: 'unavailable' });
    expect(session.profiler!.message).toContain('127.0.0.1.example.com');
    expect(session.profiler!.fix).toContain('127.0.0.1');
    // A SIGUSR1 would have made Node resolve the name ("Unable to resolve …") and try to listen there.
    expect(target.stderr()).toBe('');
    expect(listeningSockets(target.pid)).toEqual([]);
    expect(processExists(target.pid)).toBe(true);
  });

  it('profiles through an inspector already listening on 0.0.0.0, and warns how to keep it on loopback', async () => {
    const target = await nodeTarget(['--inspect=0.0.0.0:0'], 'node-hot.js');
    const port = listeningSockets(target.pid).find((socket) => socket.address === '0.0.0.0')!.port;
    const { session, stderr } = recordPid(target.pid, 2);
    expect(session.profiler).toMatchObject({ profiler: 'node', state: 'done' });
    expect(stderr).toContain(`warning: The inspector of Node.js process ${target.pid} listens on 0.0.0.0:${port}`);
    expect(stderr).toContain(`Restart it with --inspect=127.0.0.1:${port}`);
    // Found open, so left open: Thermograph did not open it and closing it would surprise its owner.
    expect(listeningSockets(target.pid).map((socket) => socket.port)).toContain(port);
  });
});

describe('thermograph record --pid on a Node.js process: SIGUSR1', () => {
  const unknownEffect = /has no inspector open, and Thermograph cannot tell what SIGUSR1 would do to it/;

  it("never sends SIGUSR1 on its own: a service's own SIGUSR1 listener does not run", async () => {
    const service = await nodeTarget([], 'sigusr1-handler.js');
    const { session } = recordPid(service.pid, 1);
    expect(session.profiler).toMatchObject({ profiler: 'node', state: 'unavailable' });
    expect(session.profiler!.message).toMatch(unknownEffect);
    expect(session.profiler!.fix).toContain('--inspect=127.0.0.1:0');
    expect(session.profiler!.fix).toContain('NODE_OPTIONS=--inspect=127.0.0.1:0');
    expect(session.profiler!.fix).toContain(`thermograph record --pid ${service.pid} --node-attach-signal`);
    expect(service.stdout()).not.toContain('SIGUSR1 handler ran');
    expect(service.child.exitCode).toBeNull();
    expect(listeningSockets(service.pid)).toEqual([]);
  });

  it('profiles that service without a signal when it was started with --inspect=127.0.0.1:0', async () => {
    const service = await nodeTarget(['--inspect=127.0.0.1:0'], 'sigusr1-handler.js');
    const before = listeningSockets(service.pid);
    const { session } = recordPid(service.pid, 2);
    expect(session.profiler).toMatchObject({ profiler: 'node', state: 'done' });
    expect(session.profiles.find((profile) => profile.kind === 'cpu')?.sampleCount).toBeGreaterThan(0);
    expect(service.stdout()).not.toContain('SIGUSR1 handler ran');
    expect(service.child.exitCode).toBeNull();
    expect(listeningSockets(service.pid)).toEqual(before);
  });

  it('sends SIGUSR1 only when --node-attach-signal allows it, and closes the inspector it opened', async () => {
    const target = await nodeTarget([], 'node-hot.js');
    expect(recordPid(target.pid, 1).session.profiler).toMatchObject({ state: 'unavailable' });
    expect(listeningSockets(target.pid)).toEqual([]);

    const { session } = recordPid(target.pid, 2, ['--node-attach-signal']);
    expect(session.profiler).toMatchObject({ profiler: 'node', state: 'done' });
    expect(session.profiles.find((profile) => profile.kind === 'cpu')?.sampleCount).toBeGreaterThan(0);
    expect(listeningSockets(target.pid)).toEqual([]);
    expect(target.child.exitCode).toBeNull();
  });

  it('says what happened when an allowed SIGUSR1 ran the program’s own listener instead', async () => {
    const service = await nodeTarget([], 'sigusr1-handler.js');
    const exited = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));
    const { session } = recordPid(service.pid, 5, ['--node-attach-signal']);
    expect(await exited).toBe(7);
    expect(session.endReason).toBe('target-exited');
    expect(session.profiler!.message).toContain("the program's own SIGUSR1 listener (process.on('SIGUSR1')) ran");
    expect(session.profiler!.message).toContain('--inspect=127.0.0.1:0');
  });

  it('refuses even when allowed if Node runs with --disable-sigusr1: a caught SIGUSR1 is the program’s', async () => {
    const service = await nodeTarget(['--disable-sigusr1'], 'sigusr1-handler.js');
    const { session } = recordPid(service.pid, 1, ['--node-attach-signal']);
    expect(session.profiler).toMatchObject({ profiler: 'node', state: 'unavailable' });
    expect(session.profiler!.message).toContain('--disable-sigusr1');
    expect(service.stdout()).not.toContain('SIGUSR1 handler ran');
    expect(service.child.exitCode).toBeNull();
  });
});
