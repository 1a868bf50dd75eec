// What an ending recording says of itself: why it stopped, the sentence its session ends with, what
// recording it cost Thermograph, and the small waits and checks its end relies on (recording.ts).

import type { ChildProcess } from 'node:child_process';
import { ThermographError } from '../../src-shared/api/errors';
import type { EndReason, RecordingOverhead } from '../../src-shared/model/session';
import { describeExit } from './output';

/** How long a profiler may take to hand over its profile before the recording ends without it. */
export const profilerStopLimitMs = 120_000;

/** Waits for a promise, or gives up after `limitMs` (the promise keeps running on its own). */
export async function withTimeout(promise: Promise<void>, limitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}

/** The marker's sentence for a recording that ended otherwise than by its target's exit. */
export function describeStop(reason: EndReason): string {
  if (reason === 'user-stopped') return 'Recording stopped.';
  if (reason === 'duration-elapsed') return 'Recording duration reached.';
  return 'Recording ended.';
}

/** True when a write failed because the session no longer exists (deleted by another process). */
export function isSessionGone(error: unknown): boolean {
  return error instanceof ThermographError && error.code === 'not-found';
}

/** The session's end sentence: the reason given, how a launched command ended, and samples lost to a full disk. */
export function endMessage(
  reason: EndReason,
  message: string | undefined,
  child: ChildProcess | null,
  lostSamples: number,
): string | null {
  const parts: string[] = [];
  if (message) parts.push(message);
  if (child && reason === 'target-exited') parts.push(`The command ${describeExit(child)}.`);
  if (child && reason !== 'target-exited') parts.push('The launched command was ended.');
  if (lostSamples > 0) parts.push(`${lostSamples} samples could not be saved because the database refused writes.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * What recording cost Thermograph: its process's CPU since `cpuAtStart` and the pump's, as a share of
 * one core since `startedAtMonotonic`, and the process's peak memory.
 */
export function recordingOverhead(
  cpuAtStart: NodeJS.CpuUsage,
  startedAtMonotonic: number,
  pumpCpuMs: number,
  shared: boolean,
): RecordingOverhead {
  const cpu = process.cpuUsage(cpuAtStart);
  const processCpuMs = (cpu.user + cpu.system) / 1000;
  const elapsedMs = Math.max(1, performance.now() - startedAtMonotonic);
  return {
    processCpuMs,
    pumpCpuMs,
    cpuPercent: ((processCpuMs + pumpCpuMs) / elapsedMs) * 100,
    // maxRSS is in kibibytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    shared,
  };
}
