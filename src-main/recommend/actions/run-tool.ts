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
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return rejectRun(
          new ThermographError(
            'command-not-found',
            `${binary} is not installed, so nothing was changed: ${installHint}, then apply again.`,
          ),
        );
      rejectRun(new Error(stderr.trim().replace(/^\S+: /, '') || error.message));
    });
  });
}
