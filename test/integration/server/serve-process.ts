// Browser mode as a user runs it: a real process (the built `thermograph serve`, or a small program
// calling runBrowserMode), started on a throwaway database and read until it prints its URL.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { WebSocket } from 'ws';
import { apiCaller, openSocket } from './http-client';

/** The built bin (`npm run build`). */
export const builtCli = resolve(__dirname, '../../../out/main/cli.js');

/** A browser-mode process that has printed its URL. */
export interface ServeProcess {
  child: ChildProcess;
  port: number;
  token: string;
  /** The socket URL, token included. */
  socketUrl: string;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit status (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** Runs `thermograph serve --db DATABASE` from out/ and waits for its URL. */
export function startBuiltServe(databasePath: string): Promise<ServeProcess> {
  if (!existsSync(builtCli)) throw new Error('out/main/cli.js is missing: run `npm run build` first.');
  return startServeProcess([builtCli, 'serve', '--db', databasePath]);
}

/** Runs `node ARGS…` (a program that starts browser mode) and waits for the URL it prints. */
export function startServeProcess(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return new Promise((resolveStart, rejectStart) => {
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (started || !match) return;
      started = true;
      const url = new URL(match[1]!);
      const token = url.searchParams.get('token')!;
      resolveStart({
        child,
        port: Number(url.port),
        token,
        socketUrl: `ws://127.0.0.1:${url.port}/api?token=${token}`,
        output: () => output,
        exited,
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => rejectStart(new Error(`browser mode exited before printing its URL:\n${output}`)));
  });
}

/** API calls to a built `thermograph serve` that a describe block starts before its tests and stops after. */
export interface ServedApi {
  call: ReturnType<typeof apiCaller>;
  /** The call's value; throws with the engine's message when it failed. */
  value<T>(method: string, params: unknown): Promise<T>;
}

/** Starts the built serve on `databasePath` before the block's tests; stops it (then runs `cleanup`) after them. */
export function useBuiltServe(databasePath: string, cleanup: () => void = () => undefined): ServedApi {
  let serve: ServeProcess | undefined;
  let socket: WebSocket | undefined;
  const api: ServedApi = {
    call: () => Promise.reject(new Error('the served API is not open yet')),
    async value<T>(method: string, params: unknown): Promise<T> {
      const answer = await api.call<T>(method, params);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    },
  };
  beforeAll(async () => {
    serve = await startBuiltServe(databasePath);
    socket = await openSocket(serve.socketUrl);
    api.call = apiCaller(socket);
  }, 60_000);
  afterAll(() => {
    socket?.close();
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGTERM');
    cleanup();
  });
  return api;
}
