import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchesPython, programOf } from '../../../../src-main/profilers/python/launched-interpreter';

describe('programOf', () => {
  it('is argv[0] for a plain command', () => {
    expect(programOf(['/usr/bin/python3.12', 'x.py'])).toBe('/usr/bin/python3.12');
    expect(programOf([])).toBeNull();
  });

  it('looks through env, its options and assignments', () => {
    expect(programOf(['env', 'python3', 'x.py'])).toBe('python3');
    expect(programOf(['/usr/bin/env', '-i', 'A=1', 'B=two words', 'python3.11', 'x.py'])).toBe('python3.11');
    expect(programOf(['env', '-u', 'HOME', 'python3', 'x.py'])).toBe('python3');
  });

  it("reads a shell's -c command: its first program, after assignments and exec", () => {
    expect(programOf(['sh', '-c', 'exec python3 x.py'])).toBe('python3');
    expect(programOf(['/bin/bash', '-c', 'PYTHONPATH=src exec "/opt/my python/bin/python3" -m app'])).toBe(
      '/opt/my python/bin/python3',
    );
    expect(programOf(['sh', '-c', 'exec env python3 x.py'])).toBe('python3');
    expect(programOf(['sh', '-c', 'cd /tmp && python3 x.py'])).toBe('cd');
    expect(programOf(['sh', 'script.sh'])).toBe('sh');
  });
});

describe('launchesPython', () => {
  it('knows a Python by its name, through wrappers, or by the #! line of a script', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-launches-'));
    try {
      writeFileSync(path.join(folder, 'tool'), '#!/usr/bin/env python3\nprint(1)\n', { mode: 0o755 });
      writeFileSync(path.join(folder, 'other'), '#!/bin/sh\necho 1\n', { mode: 0o755 });
      expect(launchesPython(['python3.12', 'x.py'])).toBe(true);
      expect(launchesPython(['env', 'python3', 'x.py'])).toBe(true);
      expect(launchesPython([path.join(folder, 'tool')])).toBe(true);
      expect(launchesPython(['tool', '--flag'], folder)).toBe(true);
      expect(launchesPython(['other'], folder)).toBe(false);
      expect(launchesPython(['sleep', '1'], folder)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
