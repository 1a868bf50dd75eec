// A table's narrowest width (below it the frame scrolls sideways) and its pinned leading columns.
import { describe, expect, it } from 'vitest';
import {
  defaultMinimumWidth,
  pinnedColumnCount,
  tableMinimumWidth,
  type TableColumn,
} from '../../../src-renderer/components/table-column';

const column = (key: string, extra: Partial<TableColumn<string>> = {}): TableColumn<string> => ({
  key,
  label: key,
  numeric: false,
  ...extra,
});

describe('table columns', () => {
  it('adds fixed widths and the flexible columns’ minimums', () => {
    expect(tableMinimumWidth([column('name', { minWidth: 240 }), column('self', { width: '132px' })])).toBe(372);
    expect(tableMinimumWidth([column('name'), column('pid', { width: '64px' })])).toBe(defaultMinimumWidth + 64);
  });

  it('gives a percentage column its share of the total', () => {
    // 300 px of fixed room is 75 % of a 400 px table whose last column takes 25 %.
    expect(
      tableMinimumWidth([
        column('name', { minWidth: 200 }),
        column('n', { width: '100px' }),
        column('file', { width: '25%' }),
      ]),
    ).toBe(400);
  });

  it('pins only leading columns, at most two', () => {
    expect(pinnedColumnCount([column('a'), column('b', { pinned: true })])).toBe(0);
    expect(pinnedColumnCount([column('a', { pinned: true }), column('b')])).toBe(1);
    expect(
      pinnedColumnCount([column('a', { pinned: true }), column('b', { pinned: true }), column('c', { pinned: true })]),
    ).toBe(2);
  });
});
