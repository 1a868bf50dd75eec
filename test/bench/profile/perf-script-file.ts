// A large, realistic `perf script` file for the import and screen benchmarks. Realistic means real:
// once per machine, perf records two real programs (a Node.js workload with --perf-basic-prof, so
// V8 builtins, C++ and named JIT frames appear, and gzip of random data, for libc, kernel and
// [unknown] frames) with `perf record -F 999 -g -e cpu-clock`. The large file then replays those
// samples in a shuffled order with rising timestamps, moving each leaf frame's address within its
// function now and then, as a long recording's leaves spread over a function's body.

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { targetPath } from '../../fixtures/targets/start-target';
import { cachedInput } from './bench-cache';
import { seededRandom } from '../../helpers/seeded-random';

const blockLength = 1 << 20;

/** Runs a command to completion; rejects with its stderr's tail when it fails. */
function run(command: string, args: string[], options: { cwd: string; stdout?: string }): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const output = options.stdout ? openSync(options.stdout, 'w') : 'ignore';
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', output, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-1000)));
    child.once('error', (error) => rejectRun(new Error(`${command} could not start: ${error.message}`)));
    child.once('exit', (code) => {
      if (typeof output === 'number') closeSync(output);
      if (code === 0) resolveRun();
      else rejectRun(new Error(`${command} ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n').pop()}`));
    });
  });
}

/** Records the real programs once (≈ 10 s) and keeps their `perf script` text (≈ 10 MB). */
function realCapture(): Promise<string> {
  const record = async (path: string) => {
    const scratch = mkdtempSync(join(tmpdir(), 'thermograph-perf-capture-'));
    // The shell notes the Node.js pid, so exactly its /tmp/perf-PID.map is removed afterwards.
    const script =
      `${process.execPath} --perf-basic-prof ${targetPath('bench-workload.js')} 20000 0 > /dev/null & ` +
      'echo $! > node.pid; ' +
      'for round in $(seq 24); do head -c 8000000 /dev/urandom | gzip -6 > /dev/null; done; wait';
    const perfRecord = ['record', '-F', '999', '-g', '-e', 'cpu-clock', '-o', 'perf.data', '--', 'sh', '-c', script];
    try {
      await run('perf', perfRecord, { cwd: scratch });
      await run('perf', ['script', '-i', 'perf.data'], { cwd: scratch, stdout: path });
    } finally {
      try {
        const pid = readFileSync(join(scratch, 'node.pid'), 'latin1').trim();
        if (/^\d+$/.test(pid)) rmSync(`/tmp/perf-${pid}.map`, { force: true });
      } catch {
        // the shell never started Node.js: there is no map
      }
      rmSync(scratch, { recursive: true, force: true });
    }
  };
  return cachedInput('perf-capture-v2.txt', record, true);
}

/** One recorded sample: its header split around the timestamp, and its frame lines. */
interface RecordedSample {
  beforeTime: string;
  afterTime: string;
  frames: string[];
}

const headerTime = /^(.*?\s)(\d+\.\d+)(:.*)$/;
const leafFrame = /^(\s*)([0-9a-f]+) (.+)\+0x([0-9a-f]+) (\(.*\))$/;

function parseCapture(text: string): RecordedSample[] {
  const samples: RecordedSample[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    const header = headerTime.exec(lines[0] ?? '');
    if (!header || lines.length < 2) continue;
    samples.push({ beforeTime: header[1]!, afterTime: header[3]!, frames: lines.slice(1) });
  }
  return samples;
}

/** The path of a `perf script` file of about `bytes` bytes, made on first use. */
export async function perfScriptFile(bytes: number): Promise<string> {
  const capture = await realCapture();
  const megabytes = Math.round(bytes / 1e6);
  return cachedInput(`perf-script-${megabytes}MB-v2.txt`, async (path) => {
    const samples = parseCapture(readFileSync(capture, 'latin1'));
    if (samples.length === 0) throw new Error(`perf recorded no samples with call chains in ${capture}`);
    const random = seededRandom(99);
    const descriptor = openSync(path, 'w');
    let written = 0;
    let block = '';
    let time = 20_000;
    try {
      while (written + block.length < bytes) {
        const sample = samples[Math.floor(random() * samples.length)]!;
        // Two CPUs sampled at 999 Hz: a sample every half millisecond on average.
        time += 0.0003 + random() * 0.0004;
        let leaf = sample.frames[0]!;
        const parts = leafFrame.exec(leaf);
        if (parts && random() < 0.5) {
          const shift = Math.floor(random() * 48);
          const address = (BigInt(`0x${parts[2]}`) + BigInt(shift)).toString(16);
          const offset = (Number.parseInt(parts[4]!, 16) + shift).toString(16);
          leaf = `${parts[1]}${address.padStart(parts[2]!.length, ' ')} ${parts[3]}+0x${offset} ${parts[5]}`;
        }
        block += `${sample.beforeTime}${time.toFixed(6)}${sample.afterTime}\n${leaf}\n`;
        for (let index = 1; index < sample.frames.length; index++) block += `${sample.frames[index]}\n`;
        block += '\n';
        if (block.length >= blockLength) {
          writeSync(descriptor, block, null, 'latin1');
          written += block.length;
          block = '';
        }
      }
      writeSync(descriptor, block, null, 'latin1');
    } finally {
      closeSync(descriptor);
    }
  });
}
