// No message may stop the engine: the built `thermograph serve`, recording a launched command, is
// sent malformed envelopes over its (authenticated) WebSocket. Each is answered with a typed error,
// under its own id when that id is usable, and the server, the recording and the command carry on.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { sleep, temporaryFolder } from '../../helpers/engine';
import { targetPath } from '../../fixtures/targets/start-target';
import { messageLog, openSocket } from './http-client';
import { startBuiltServe, type ServeProcess } from './serve-process';

/** A frame to send and the id its reply must carry (-1: the frame has no usable id). */
interface Hostile {
  frame: string | Buffer;
  binary?: boolean;
  replyId: number;
}

const call = (id: unknown, method: unknown, params: unknown = {}): string => JSON.stringify({ id, method, params });

const hostile: Hostile[] = [
  // The message from the report: String() of this method throws inside an un-awaited promise.
  { frame: '{"id":1,"method":{"toString":1},"params":{}}', replyId: 1 },
  { frame: '{"id":2,"method":{"toString":{},"valueOf":{}},"params":{}}', replyId: 2 },
  { frame: call(3, 42), replyId: 3 },
  { frame: call(4, ['getAppInfo']), replyId: 4 },
  { frame: call(5, null), replyId: 5 },
  { frame: call(6, ''), replyId: 6 },
  { frame: call(7, 'x'.repeat(100_000)), replyId: 7 },
  { frame: call(8, '__proto__'), replyId: 8 },
  { frame: call(9, 'constructor'), replyId: 9 },
  { frame: call(10, 'hasOwnProperty'), replyId: 10 },
  { frame: '{"id":11,"method":"getAppInfo","params":{"extra":1}}', replyId: 11 },
  { frame: call(12, 'getAppInfo', 'text'), replyId: 12 },
  { frame: call(13, 'getAppInfo', [1, 2]), replyId: 13 },
  { frame: call(14, 'getAppInfo', null), replyId: 14 },
  { frame: call(15, 'getAppInfo', 42), replyId: 15 },
  { frame: '{"id":16,"method":"getSession","params":{"__proto__":{"sessionId":1}}}', replyId: 16 },
  { frame: '{"id":17,"method":"getAppInfo","params":{"constructor":{"prototype":{"polluted":1}}}}', replyId: 17 },
  { frame: '{"id":18,"method":"getSession","params":{"sessionId":{"toString":1,"valueOf":1}}}', replyId: 18 },
  // Ids that cannot be echoed back faithfully, or are no ids at all.
  { frame: '{"__proto__":{"id":19,"method":"getAppInfo","params":{}}}', replyId: -1 },
  { frame: call('20', 'getAppInfo'), replyId: -1 },
  { frame: call(21.5, 'getAppInfo'), replyId: -1 },
  { frame: call(-22, 'getAppInfo'), replyId: -1 },
  { frame: call(null, 'getAppInfo'), replyId: -1 },
  { frame: call({ toString: 1 }, 'getAppInfo'), replyId: -1 },
  { frame: call([23], 'getAppInfo'), replyId: -1 },
  { frame: call(2 ** 53, 'getAppInfo'), replyId: -1 },
  { frame: '{"id":1e400,"method":"getAppInfo","params":{}}', replyId: -1 },
  { frame: '{"id":123456789012345678901234567890,"method":"getAppInfo","params":{}}', replyId: -1 },
  { frame: '{"method":"getAppInfo","params":{}}', replyId: -1 },
  // Not JSON objects at all.
  { frame: '{not json', replyId: -1 },
  { frame: '', replyId: -1 },
  { frame: 'null', replyId: -1 },
  { frame: '"getAppInfo"', replyId: -1 },
  { frame: '[{"id":24,"method":"getAppInfo","params":{}}]', replyId: -1 },
  { frame: '\u0000', replyId: -1 },
  { frame: '['.repeat(500_000), replyId: -1 },
  { frame: `{"id":25,"method":"getAppInfo","params":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, replyId: 25 },
  { frame: Buffer.from([0xff, 0x00, 0x01]), binary: true, replyId: -1 },
  { frame: Buffer.from(call(26, 'getAppInfo')), binary: true, replyId: -1 },
];

/** True while the process exists and is not a zombie. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('browser mode under hostile messages', () => {
  const folder = temporaryFolder('thermograph-hostile-');
  let serve: ServeProcess;
  let socket: WebSocket;
  let log: ReturnType<typeof messageLog>;
  let nextProbe = 1_000;

  /** Waits for a message, failing at once (with what it printed) if browser mode exits meanwhile. */
  const whileServing = <T>(waiting: Promise<T>): Promise<T> =>
    Promise.race([
      waiting,
      serve.exited.then((code) => {
        throw new Error(`browser mode exited (status ${code}) instead of answering:\n${serve.output()}`);
      }),
    ]);
  const reply = (id: number): Promise<{ id: number; result: { ok: boolean; error?: { code: string } } }> =>
    whileServing(log.next((message) => (message as { id?: number }).id === id)) as never;
  const send = async (method: string, params: unknown): Promise<{ ok: boolean; value?: unknown }> => {
    const id = (nextProbe += 1);
    socket.send(call(id, method, params));
    return (await reply(id)).result;
  };

  beforeAll(async () => {
    serve = await startBuiltServe(join(folder.path, 'hostile.db'));
    socket = await openSocket(serve.socketUrl);
    log = messageLog(socket);
  });

  afterAll(async () => {
    socket?.close();
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    folder.remove();
  });

  it('answers every malformed envelope with a typed error and keeps serving, recording and the command', async () => {
    const started = (await send('startRecording', {
      target: { kind: 'command', argv: [process.execPath, targetPath('sleeper.js'), '60'] },
      profiler: 'none',
    })) as { ok: boolean; value: { id: number; target: { pid: number } } };
    expect(started.ok).toBe(true);
    const sessionId = started.value.id;
    const commandPid = started.value.target.pid;
    expect(isRunning(commandPid)).toBe(true);

    for (const { frame, binary, replyId } of hostile) {
      const before = log.messages.filter((message) => (message as { id?: number }).id === -1).length;
      socket.send(frame, { binary: binary ?? false });
      if (replyId >= 0) {
        const answer = await reply(replyId);
        expect(answer.result, String(frame).slice(0, 80)).toMatchObject({
          ok: false,
          error: { code: 'invalid-argument' },
        });
      }
      // The next call is answered: the server is still there and still reading this socket.
      expect((await send('getAppInfo', {})).ok, String(frame).slice(0, 80)).toBe(true);
      if (replyId < 0) {
        await whileServing(
          log.next(() => log.messages.filter((message) => (message as { id?: number }).id === -1).length > before),
        );
      }
    }
    const unreadable = log.messages.filter((message) => (message as { id?: number }).id === -1);
    expect(unreadable).toHaveLength(hostile.filter((entry) => entry.replyId < 0).length);
    for (const message of unreadable) {
      expect(message).toMatchObject({ result: { ok: false, error: { code: 'invalid-argument' } } });
    }

    // A text frame that is not UTF-8 breaks the WebSocket protocol: that socket is closed (1007), no other.
    const broken = await openSocket(serve.socketUrl);
    const closed = new Promise<number>((resolveClose) => broken.once('close', (code) => resolveClose(code)));
    broken.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);

    expect(serve.child.exitCode).toBeNull();
    expect(await send('getSession', { sessionId })).toMatchObject({ ok: true, value: { status: 'recording' } });
    expect(isRunning(commandPid)).toBe(true);
    expect(serve.output()).not.toContain('internal error');

    // Stopping browser mode still ends the recording and the command's process group.
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    for (let attempt = 0; attempt < 100 && isRunning(commandPid); attempt += 1) await sleep(50);
    expect(isRunning(commandPid)).toBe(false);
  });
});
