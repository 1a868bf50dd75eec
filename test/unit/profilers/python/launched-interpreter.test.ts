import { describe, expect, it } from 'vitest';
import { programOf } from '../../../../src-main/profilers/python/launched-interpreter';

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
