import { describe, expect, it } from 'vitest';
import type { HotspotTable, ViewFrame } from '../../../src-shared/profile/views';
import {
  hotspotRows,
  nextSort,
  shortenPath,
  sourceLocation,
} from '../../../src-renderer/views/session/profile/hotspot-rows';

/** A frame with a name, and optionally a file, line and module. */
function frame(
  id: number,
  name: string,
  file: string | null = null,
  line: number | null = null,
  module: string | null = null,
): ViewFrame {
  return { id, name, kind: 'js', file, line, column: null, module };
}

const table: HotspotTable = {
  selection: { kind: 'cpu', range: null, thread: null },
  weightUnit: 'milliseconds',
  totalWeight: 1000,
  sampleCount: 1000,
  frames: [
    frame(10, 'hotFunction', '/home/me/app/src/hot.js', 12),
    frame(11, 'main', '/home/me/app/src/main.js', 1),
    frame(12, 'parseJSON', null, null, 'libnode.so'),
    frame(13, 'Array.prototype.sort', '/home/me/app/node_modules/lib/sort.js', 40),
  ],
  rows: [
    { frame: 0, self: 600, total: 600, selfSamples: 600, totalSamples: 600 },
    { frame: 2, self: 200, total: 250, selfSamples: 200, totalSamples: 250 },
    { frame: 3, self: 150, total: 150, selfSamples: 150, totalSamples: 150 },
    { frame: 1, self: 50, total: 1000, selfSamples: 50, totalSamples: 1000 },
  ],
};

const names = (rows: { frame: number }[]) => rows.map((row) => table.frames[row.frame]!.name);

describe('hotspot rows', () => {
  it('sorts by each column, both ways', () => {
    expect(names(hotspotRows(table, '', { key: 'self', descending: true }))).toEqual([
      'hotFunction',
      'parseJSON',
      'Array.prototype.sort',
      'main',
    ]);
    expect(names(hotspotRows(table, '', { key: 'total', descending: true }))[0]).toBe('main');
    expect(names(hotspotRows(table, '', { key: 'samples', descending: false }))[0]).toBe('Array.prototype.sort');
    expect(names(hotspotRows(table, '', { key: 'name', descending: false }))).toEqual([
      'Array.prototype.sort',
      'hotFunction',
      'main',
      'parseJSON',
    ]);
    // No location sorts first (""), then by path.
    expect(names(hotspotRows(table, '', { key: 'location', descending: false }))).toEqual([
      'parseJSON',
      'Array.prototype.sort',
      'hotFunction',
      'main',
    ]);
  });

  it('filters by name, file or module, case-insensitively', () => {
    const sort = { key: 'self', descending: true } as const;
    expect(names(hotspotRows(table, 'HOT', sort))).toEqual(['hotFunction']);
    expect(names(hotspotRows(table, 'node_modules', sort))).toEqual(['Array.prototype.sort']);
    expect(names(hotspotRows(table, 'libnode', sort))).toEqual(['parseJSON']);
    expect(hotspotRows(table, 'nothing like it', sort)).toEqual([]);
    expect(hotspotRows(table, '  ', sort)).toHaveLength(4);
  });

  it('does not reorder the table it was given', () => {
    hotspotRows(table, '', { key: 'name', descending: false });
    expect(table.rows[0]!.frame).toBe(0);
  });

  it('flips the direction on a second click and starts numbers heaviest first', () => {
    expect(nextSort({ key: 'self', descending: true }, 'self')).toEqual({ key: 'self', descending: false });
    expect(nextSort({ key: 'self', descending: true }, 'total')).toEqual({ key: 'total', descending: true });
    expect(nextSort({ key: 'self', descending: true }, 'name')).toEqual({ key: 'name', descending: false });
  });

  it('shows source locations as file:line, shortened to the last two segments', () => {
    expect(sourceLocation(table.frames[0]!)).toBe('/home/me/app/src/hot.js:12');
    expect(sourceLocation(table.frames[2]!)).toBeNull();
    expect(shortenPath('/home/me/app/src/hot.js:12')).toBe('…/src/hot.js:12');
    expect(shortenPath('src/hot.js')).toBe('src/hot.js');
    expect(shortenPath('C:\\work\\app\\src\\hot.js:3')).toBe('…/src/hot.js:3');
  });
});
