import { describe, expect, it } from 'vitest';
import type { SourceLinesView } from '../../../src-shared/profile/source-lines';
import { costsOutsideText, sourceRows } from '../../../src-renderer/views/session/profile/source-rows';

/** A view of lines 10–14 of a file, with costs on the given lines. */
function view(costs: SourceLinesView['costs']['lines'], hottestLine: number | null): SourceLinesView {
  return {
    frame: { id: 3, name: 'work', kind: 'js', file: '/srv/a.js', line: 11, column: 1, module: null },
    weightUnit: 'milliseconds',
    costs: { source: 'samples', selectionHonoured: true, lines: costs, totalWeight: 100 },
    hottestLine,
    source: {
      status: 'ok',
      message: null,
      path: '/srv/a.js',
      firstLine: 10,
      text: ['// a', 'function work() {', '  loop();', '  <b>not markup</b>', '}'],
      lineCount: 40,
    },
    notes: [],
  };
}

describe('source rows', () => {
  it('numbers the text from its first line and scales heat to the hottest self cost', () => {
    const rows = sourceRows(
      view(
        [
          { line: 12, self: 30, selfSamples: 30, total: 60 },
          { line: 13, self: 15, selfSamples: 15, total: 15 },
        ],
        12,
      ),
    );
    expect(rows.map((row) => row.number)).toEqual([10, 11, 12, 13, 14]);
    expect(rows.map((row) => row.heat)).toEqual([0, 0, 1, 0.5, 0]);
    expect(rows.find((row) => row.hottest)?.number).toBe(12);
    expect(rows.find((row) => row.start)?.number).toBe(11);
    expect(rows[3]!.text).toBe('  <b>not markup</b>');
  });

  it('falls back to totals when no line has self cost, and counts costs outside the text', () => {
    const shown = view(
      [
        { line: 11, self: 0, selfSamples: 0, total: 8 },
        { line: 12, self: 0, selfSamples: 0, total: 2 },
        { line: 30, self: 0, selfSamples: 0, total: 1 },
      ],
      11,
    );
    expect(sourceRows(shown).map((row) => row.heat)).toEqual([0, 1, 0.25, 0, 0]);
    expect(costsOutsideText(shown)).toBe(1);
  });
});
