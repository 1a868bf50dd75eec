// Tests that run a child as an unprivileged user (`nobody`) need that user to be able to run this
// Node and read the checkout. As root in a checkout under a private folder (say /root/work) it
// cannot, and such tests skip with the reason instead of failing for a cause that is not theirs.

import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';

/** The user id (and group id) of `nobody`. */
export const nobodyId = 65534;

/**
 * Why `nobody` cannot run `process.execPath` and read every one of `paths`, or null when it can.
 * Asked of the real user, in a real child: permissions along every parent folder count.
 */
export function unprivilegedProblem(paths: readonly string[]): string | null {
  const script =
    'const fs = require("node:fs");' +
    'for (const path of JSON.parse(process.argv[1])) fs.accessSync(path, ' +
    String(constants.R_OK) +
    ');';
  const child = spawnSync(process.execPath, ['-e', script, JSON.stringify(paths)], {
    uid: nobodyId,
    gid: nobodyId,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.error) return `user nobody cannot run ${process.execPath} (${child.error.message})`;
  if (child.status !== 0) {
    const reason = /EACCES[^\n]*/.exec(child.stderr)?.[0] ?? child.stderr.trim().split('\n')[0] ?? 'unknown';
    return `user nobody cannot read this checkout or its Node (${reason})`;
  }
  return null;
}
