// The process picker's data: every process visible in /proc, read directly (no `ps`), with CPU %
// measured between two listings. Processes that exit mid-scan are skipped silently.
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { ThermographError } from '../../src-shared/api/errors';
import type { ProcessInfo, Runtime } from '../../src-shared/model/process';
import type { CorePercent, Pid } from '../../src-shared/units';
import { bootTicksNow, bootTimeMs, pageSize, userHz } from './proc/kernel';
import { parseCommandLine } from './proc/parse-cmdline';
import { isLive, parseProcessStat, type ProcessStat } from './proc/parse-process-stat';
import { isVanishedError, readProcText } from './proc/proc-file';
import { processNotFoundMessage } from './messages';
import { processName } from './process-name';
import { detectRuntime } from './runtime-detection';
import { userName } from './user-names';

// The first listing has nothing to measure CPU against, so it takes a second snapshot this much later.
const firstListingGapMs = 200;

/** What the picker and a session's target record say about a process. */
export interface ProcessIdentity {
  name: string;
  commandLine: string;
  runtime: Runtime;
}

/** The comm from stat is read as latin1 for speed; names with UTF-8 bytes are decoded properly here. */
function decodeCommand(command: string): string {
  return /[\u0080-\u00ff]/.test(command) ? Buffer.from(command, 'latin1').toString('utf8') : command;
}

/** /proc/PID/exe, or '' when it is unreadable (another user's process) or absent (kernel thread). */
function readExecutable(pid: Pid): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

/** Remembers runtimes between listings: the readlink of /proc/PID/exe is the costliest read of a scan. */
type RuntimeCache = Map<Pid, { startTicks: number; commandLine: string; runtime: Runtime }>;

/**
 * Reads what identifies one process; throws fs errors (ENOENT/ESRCH when it is gone). A runtime
 * found in `known` for the same process (same start time and command line, so no exec since) is reused.
 */
function readIdentity(
  pid: Pid,
  known?: RuntimeCache,
): { stat: ProcessStat; argv: string[]; identity: ProcessIdentity } | null {
  const stat = parseProcessStat(readProcText(`/proc/${pid}/stat`));
  // A zombie has already exited and only waits for its parent: there is nothing left to record.
  if (!isLive(stat)) return null;
  const argv = parseCommandLine(readProcText(`/proc/${pid}/cmdline`, 'utf8'));
  const commandLine = argv.join(' ');
  const cached = known?.get(pid);
  let runtime: Runtime;
  if (cached !== undefined && cached.startTicks === stat.startTicks && cached.commandLine === commandLine) {
    runtime = cached.runtime;
  } else {
    // Kernel threads (empty command line) have no executable to look at.
    runtime = argv.length === 0 ? 'native' : detectRuntime(readExecutable(pid), argv);
  }
  const identity = { name: processName(decodeCommand(stat.command), argv), commandLine, runtime };
  return { stat, argv, identity };
}

/** The name, command line and runtime of a process; throws ThermographError('process-not-found'). */
export function readProcessIdentity(pid: Pid): ProcessIdentity {
  if (!Number.isInteger(pid) || pid <= 0) throw new ThermographError('process-not-found', processNotFoundMessage(pid));
  let read: ReturnType<typeof readIdentity>;
  try {
    read = readIdentity(pid);
  } catch (error) {
    if (isVanishedError(error)) throw new ThermographError('process-not-found', processNotFoundMessage(pid));
    throw error;
  }
  if (read === null) throw new ThermographError('process-not-found', processNotFoundMessage(pid));
  return read.identity;
}

/** Lists processes; keeps the previous listing's CPU times so each listing shows CPU % since the last. */
export class ProcessLister {
  private previous = new Map<Pid, { startTicks: number; cpuTicks: number }>();
  private previousAtMs: number | null = null;
  private runtimes: RuntimeCache = new Map();

  /** Every process the user can see. The first call takes ~200 ms so its CPU % is meaningful. */
  async list(): Promise<ProcessInfo[]> {
    if (this.previousAtMs === null) {
      this.scan();
      await delay(firstListingGapMs);
    }
    return this.scan();
  }

  private scan(): ProcessInfo[] {
    const nowMs = performance.now();
    const elapsed = this.previousAtMs === null ? 0 : (nowMs - this.previousAtMs) / 1000;
    const nowTicks = bootTicksNow();
    const bootMs = bootTimeMs();
    const bytesPerPage = pageSize();
    const me = process.geteuid?.() ?? -1;
    const current = new Map<Pid, { startTicks: number; cpuTicks: number }>();
    const runtimes: RuntimeCache = new Map();
    const processes: ProcessInfo[] = [];
    for (const entry of readdirSync('/proc')) {
      const first = entry.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const pid = Number(entry);
      let read: ReturnType<typeof readIdentity>;
      let uid: number;
      try {
        read = readIdentity(pid, this.runtimes);
        uid = statSync(`/proc/${pid}`).uid;
      } catch {
        continue; // it exited while we were reading it
      }
      if (read === null) continue;
      const { stat, identity } = read;
      const cpuTicks = stat.userTicks + stat.systemTicks;
      current.set(pid, { startTicks: stat.startTicks, cpuTicks });
      runtimes.set(pid, { startTicks: stat.startTicks, commandLine: identity.commandLine, runtime: identity.runtime });
      processes.push({
        pid,
        parentPid: stat.parentPid,
        name: identity.name,
        user: userName(uid),
        uid,
        cpuPercent: this.cpuPercent(pid, stat.startTicks, cpuTicks, elapsed, nowTicks),
        rssBytes: stat.rssPages * bytesPerPage,
        commandLine: identity.commandLine,
        runtime: identity.runtime,
        startedAt: Math.round(bootMs + (stat.startTicks / userHz) * 1000),
        accessible: me === 0 || me === uid,
      });
    }
    this.previous = current;
    this.runtimes = runtimes;
    this.previousAtMs = nowMs;
    return processes;
  }

  /** CPU since the previous listing; a process new since then gets its lifetime average. */
  private cpuPercent(pid: Pid, startTicks: number, cpuTicks: number, elapsed: number, nowTicks: number): CorePercent {
    const before = this.previous.get(pid);
    if (before !== undefined && before.startTicks === startTicks && elapsed > 0) {
      return (Math.max(0, cpuTicks - before.cpuTicks) / userHz / elapsed) * 100;
    }
    const ageTicks = nowTicks - startTicks;
    return ageTicks > 0 ? (cpuTicks / ageTicks) * 100 : 0;
  }
}
