// readMemoryLimit on folders laid out as /proc and /sys/fs/cgroup are (v2, v1, nested limits, none),
// and on this machine's real files.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMemoryLimit, type MemoryLimitRoots } from '../../../src-main/collectors/memory-limit';
import { temporaryFolder } from '../../helpers/engine';

let folder: ReturnType<typeof temporaryFolder>;
let roots: MemoryLimitRoots;
beforeEach(() => {
  folder = temporaryFolder();
  roots = { proc: join(folder.path, 'proc'), cgroup: join(folder.path, 'cgroup'), systemBytes: () => 16 * 2 ** 30 };
});
afterEach(() => folder.remove());

function write(path: string, text: string): void {
  mkdirSync(join(folder.path, path, '..'), { recursive: true });
  writeFileSync(join(folder.path, path), text);
}

describe('readMemoryLimit', () => {
  it('takes the tightest memory.max from the cgroup v2 path up to the root', () => {
    write('proc/42/cgroup', '0::/system.slice/service.scope\n');
    write('cgroup/system.slice/service.scope/memory.max', 'max\n');
    write('cgroup/system.slice/memory.max', '2147483648\n');
    write('cgroup/memory.max', 'max\n');
    expect(readMemoryLimit(42, roots)).toEqual({ bytes: 2 ** 31, source: 'cgroup', cgroup: '/system.slice' });
  });

  it('reads cgroup v1 memory.limit_in_bytes and treats the page-rounded 2^63 as no limit', () => {
    write('proc/7/cgroup', '9:name=systemd:/\n4:memory:/docker/abc\n1:cpu:/\n');
    write('cgroup/memory/docker/abc/memory.limit_in_bytes', '536870912\n');
    write('cgroup/memory/memory.limit_in_bytes', '9223372036854771712\n');
    expect(readMemoryLimit(7, roots)).toEqual({ bytes: 2 ** 29, source: 'cgroup', cgroup: '/docker/abc' });
  });

  it("falls back to the machine's memory without a limit, an unreadable process, or a limit above it", () => {
    write('proc/1/cgroup', '0::/\n');
    write('cgroup/memory.max', 'max\n');
    expect(readMemoryLimit(1, roots)).toEqual({ bytes: 16 * 2 ** 30, source: 'system', cgroup: null });
    expect(readMemoryLimit(99, roots).source).toBe('system');
    write('proc/2/cgroup', '0::/big\n');
    write('cgroup/big/memory.max', String(64 * 2 ** 30));
    expect(readMemoryLimit(2, roots).source).toBe('system');
  });

  it("reads this process's real limit: a positive size no larger than the machine's memory", () => {
    const limit = readMemoryLimit(process.pid);
    expect(limit.bytes).toBeGreaterThan(0);
    expect(['cgroup', 'system']).toContain(limit.source);
  });
});
