// A file name from a browser is a label, never a path: what reaches the disk or a header is tamed.

import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src-shared/api/file-routes';

describe('safeFileName', () => {
  it('keeps ordinary names and takes the last part of a path', () => {
    expect(safeFileName('server.cpuprofile', 'x')).toBe('server.cpuprofile');
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\trace.pb.gz', 'x')).toBe('trace.pb.gz');
  });

  it('replaces quotes, controls and other characters, drops leading dots, and bounds the length', () => {
    expect(safeFileName('a"b;\r\nc.json', 'x')).toBe('a_b___c.json');
    expect(safeFileName('..hidden', 'x')).toBe('hidden');
    expect(safeFileName('naïve ✓.folded', 'x')).toBe('na_ve _.folded');
    expect(safeFileName('a'.repeat(500), 'x')).toHaveLength(120);
  });

  it('falls back when nothing usable is left', () => {
    for (const name of ['', '..', '/', '✓✓', '   ']) expect(safeFileName(name, 'profile')).toBe('profile');
  });
});
