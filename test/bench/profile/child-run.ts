// Runs a benchmark child script (a TypeScript file beside this one, through tsx) in a fresh Node
// process and returns the JSON line it printed last: each measurement then has its own memory, JIT
// and start-up, as a real command has.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The path of a child script of this folder, also when the bench runs from a bundle. */
function childScript(name: string): string {
  const beside = join(__dirname, name);
  return existsSync(beside) ? beside : resolve('test/bench/profile', name);
}

/** Runs `node [nodeFlags] --import tsx NAME ...args` and parses its last output line. */
export function runChild<T>(name: string, args: string[], nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', childScript(name), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-2000)));
    child.once('error', rejectRun);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolveRun(JSON.parse(line) as T);
      else
        rejectRun(
          new Error(`${name} ${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`),
        );
    });
  });
}
