// Runs a system tool (ionice, taskset) with an argument array, never through a shell, and says what
// to do when it is not installed.

import { execFile } from 'node:child_process';
import { ThermographError } from '../../../src-shared/api/errors';

/** How long a tool may take: it only makes one system call. */
const toolTimeoutMs = 5000;

/** A tool's output, or a rejection: command-not-found when it is missing, else an Error with its stderr. */
export function runTool(binary: string, args: readonly string[], installHint: string): Promise<string> {
  return new Promise((resolveRun, rejectRun) => {
    execFile(binary, args, { timeout: toolTimeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolveRun(stdout);
      // A tool that could not be started at all has a string code (an errno) and a spawn syscall; one
      // that ran and failed has its exit status as code.
      const { code, syscall } = error as NodeJS.ErrnoException;
      if (typeof code === 'string' && syscall?.startsWith('spawn'))
        return rejectRun(
          new ThermographError(
            'command-not-found',
            code === 'ENOENT' || code === 'ENOTDIR'
              ? `${binary} is not installed: ${installHint}, then apply again.`
              : `${binary} could not be started (${code}): ${installHint}, or make it executable, then apply again.`,
          ),
        );
      rejectRun(new Error(stderr.trim().replace(/^\S+: /, '') || error.message));
    });
  });
}

/** Resolves when the tool can be run; rejects with command-not-found (what to install) when it is missing. */
export async function requireTool(binary: string, installHint: string): Promise<void> {
  try {
    await runTool(binary, ['--version'], installHint);
  } catch (error) {
    // Installed but without --version (a BusyBox build, say): it runs, which is what matters here.
    if (error instanceof ThermographError) throw error;
  }
}
