// The priority action on a real launched process: the process's nice value and, where the kernel
// schedules by session (autogroup), its session's nice are set, since a launched command leads a
// session of its own and only the session's nice weighs it against other programs. Needs root.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setLaunchPriority } from '../../../src-main/recommend/actions/apply-action';

const root = process.getuid?.() === 0;

describe.skipIf(!root)('the priority action', () => {
  it('sets the nice value of the process and of its session', () => {
    const child = spawn('sleep', ['5'], { detached: true, stdio: 'ignore' });
    try {
      setLaunchPriority(child.pid!, -5);
      // Field 19 of /proc/PID/stat is the nice value.
      expect(readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]).toBe('-5');
      const autogroup = `/proc/${child.pid}/autogroup`;
      const enabled = '/proc/sys/kernel/sched_autogroup_enabled';
      if (existsSync(enabled) && readFileSync(enabled, 'utf8').trim() === '1' && existsSync(autogroup))
        expect(readFileSync(autogroup, 'utf8')).toMatch(/ nice -5$/m);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
