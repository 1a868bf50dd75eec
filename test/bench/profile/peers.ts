// The peer tools the profile benchmarks compare against, installed outside the project's
// dependencies (they are not part of Thermograph) into the bench cache on first use, with npm, at
// pinned versions so numbers stay comparable between runs. A peer that cannot be installed is
// reported in its row with the reason instead of failing the bench.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { peerFolder } from './bench-cache';

/** The peers and the versions measured. */
export const peerPackages = { '0x': '6.0.0', clinic: '13.0.0', speedscope: '1.25.0' } as const;

/** The name of one peer package. */
export type PeerName = keyof typeof peerPackages;

/** A peer ready to run, or why it is not. */
export type PeerStatus = { ok: true; folder: string } | { ok: false; reason: string };

/** What proves a peer is installed: its command, or for speedscope its release page. */
function marker(folder: string, name: PeerName): string {
  return name === 'speedscope'
    ? join(folder, 'node_modules', 'speedscope', 'dist', 'release', 'index.html')
    : join(folder, 'node_modules', '.bin', name);
}

let installation: Promise<string | null> | null = null;

/** Runs npm install once per bench process for every missing peer; resolves to npm's error, or null. */
function installMissing(folder: string): Promise<string | null> {
  const missing = (Object.keys(peerPackages) as PeerName[]).filter((name) => !existsSync(marker(folder, name)));
  if (missing.length === 0) return Promise.resolve(null);
  // Every peer goes into one install: npm prunes packages an install does not name when there is
  // no package.json, so installing them one by one would remove the earlier ones.
  const specs = (Object.keys(peerPackages) as PeerName[]).map((name) => `${name}@${peerPackages[name]}`);
  process.stderr.write(`bench: installing peers ${specs.join(' ')} into ${folder} (first run only)…\n`);
  return new Promise((resolve) => {
    const npm = spawn('npm', ['install', '--prefix', folder, ...specs, '--no-save', '--no-audit', '--no-fund'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    npm.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    npm.once('error', (error) => resolve(`npm could not start: ${error.message}`));
    npm.once('exit', (code) => {
      if (code === 0) resolve(null);
      else resolve(`npm install failed (exit ${code}): ${npmProblem(stderr)}`);
    });
  });
}

/** npm's error in one line: its code and the message that explains it, without the stack. */
function npmProblem(stderr: string): string {
  const errors = stderr
    .split('\n')
    .map((line) => /^npm (?:error|ERR!) (.*)$/.exec(line)?.[1] ?? '')
    // Indented lines are a stack trace or an error object dump.
    .filter((line) => line.trim() !== '' && !/^\s/.test(line) && !/^[{}]/.test(line));
  const code = /^npm (?:error|ERR!) code (\S+)/m.exec(stderr)?.[1];
  const message = errors.find((line) => !/^(code|syscall|errno) /.test(line)) ?? stderr.trim().split('\n').pop() ?? '';
  return `${code ? `${code}: ` : ''}${message}`.slice(0, 160);
}

/** Installs the peers if needed and says whether `name` can run. */
export async function ensurePeer(name: PeerName): Promise<PeerStatus> {
  const folder = peerFolder();
  installation ??= installMissing(folder);
  const failure = await installation;
  if (existsSync(marker(folder, name))) return { ok: true, folder };
  return { ok: false, reason: failure ?? `${name} is not in ${folder} after npm install` };
}

/** The path of a peer's command in the peer folder. */
export function peerCommand(folder: string, name: '0x' | 'clinic'): string {
  return join(folder, 'node_modules', '.bin', name);
}

/** speedscope's static release (index.html and its bundle) in the peer folder. */
export function speedscopeRelease(folder: string): string {
  return join(folder, 'node_modules', 'speedscope', 'dist', 'release');
}
