// The hotspot table's rows: filtered by a query over name, file and module, sorted by any column,
// plus the short form of source locations. Pure, for the table and its unit tests.

import type { HotspotRow, HotspotTable, ViewFrame } from '../../../../src-shared/profile/views';

/** A sortable column. Percent columns sort with their weight column. */
export type HotspotSortKey = 'name' | 'self' | 'total' | 'samples' | 'location';

/** A sort column and direction. */
export interface HotspotSort {
  key: HotspotSortKey;
  descending: boolean;
}

/** Numbers sort heaviest first on the first click, text A to Z. */
export function defaultDescending(key: HotspotSortKey): boolean {
  return key !== 'name' && key !== 'location';
}

/** The sort after clicking a column header: the same column flips, another starts at its default. */
export function nextSort(current: HotspotSort, key: HotspotSortKey): HotspotSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: defaultDescending(key) };
}

/** "file:line" (or just the file) of a frame; null when it has no file. */
export function sourceLocation(frame: ViewFrame): string | null {
  if (!frame.file) return null;
  return frame.line ? `${frame.file}:${frame.line}` : frame.file;
}

/** A path shortened to its last two segments ("…/lib/server.js:12"); the full path goes in a title. */
export function shortenPath(location: string): string {
  const parts = location.split(/[\\/]/);
  if (parts.length <= 3) return location;
  return `…/${parts.slice(-2).join('/')}`;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The rows matching `query` (case-insensitive, in name, file or module), sorted. */
export function hotspotRows(table: HotspotTable, query: string, sort: HotspotSort): HotspotRow[] {
  const needle = query.trim().toLowerCase();
  const frames = table.frames;
  const rows =
    needle === ''
      ? [...table.rows]
      : table.rows.filter((row) => {
          const frame = frames[row.frame];
          if (!frame) return false;
          return (
            frame.name.toLowerCase().includes(needle) ||
            (frame.file?.toLowerCase().includes(needle) ?? false) ||
            (frame.module?.toLowerCase().includes(needle) ?? false)
          );
        });
  const direction = sort.descending ? -1 : 1;
  const textOf = (row: HotspotRow): string => {
    const frame = frames[row.frame];
    if (!frame) return '';
    return sort.key === 'name' ? frame.name : (sourceLocation(frame) ?? '');
  };
  const numberOf = (row: HotspotRow): number =>
    sort.key === 'self' ? row.self : sort.key === 'total' ? row.total : row.totalSamples;
  rows.sort((a, b) => {
    const order =
      sort.key === 'name' || sort.key === 'location'
        ? collator.compare(textOf(a), textOf(b))
        : numberOf(a) - numberOf(b);
    // Ties keep the engine's order (heaviest self first), whatever the direction.
    return order !== 0 ? order * direction : b.self - a.self;
  });
  return rows;
}
