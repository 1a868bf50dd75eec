// Alerts and anomalies on the timeline: a line per firing and per anomaly, an episode band that ends
// at its clearing (or grows with the recording while it holds), the sentences the hover shows near a
// line, and the range a click brushes.
import { describe, expect, it } from 'vitest';
import { describeWatchEvent } from '../../../src-shared/format/watch';
import {
  mergeWatchEvents,
  watchEventRange,
  watchMarks,
  watchSentencesNear,
} from '../../../src-renderer/views/session/watch-marks';
import { cleared, fired, spike } from '../../helpers/watch-events';

const start = 1_000_000;

describe('watch marks', () => {
  it('draws a fired alert as a line with its episode as a band up to its clearing', () => {
    const marks = watchMarks(
      [fired(start + 2_000, start + 3_000), cleared(start + 2_000, start + 9_000)],
      start,
      20_000,
    );
    expect(marks.lines).toEqual([{ x: 3_000, label: 'rss>120MB', tone: 'alert' }]);
    expect(marks.episodes).toEqual([{ from: 2_000, to: 9_000 }]);
  });

  it('bands an episode that has not cleared to the open end, and pairs each clearing with its own episode', () => {
    const events = [
      fired(start + 1_000, start + 1_000),
      cleared(start + 1_000, start + 4_000),
      fired(start + 70_000, start + 71_000),
    ];
    expect(watchMarks(events, start, 80_000).episodes).toEqual([
      { from: 1_000, to: 4_000 },
      { from: 70_000, to: 80_000 },
    ]);
  });

  it('marks an anomaly with its metric and kind, and draws no line for a clearing', () => {
    const marks = watchMarks([spike(start + 5_000, start + 5_500), cleared(start, start + 6_000)], start, 10_000);
    expect(marks.lines).toEqual([{ x: 5_500, label: 'cpu spike', tone: 'anomaly' }]);
    expect(marks.episodes).toEqual([]);
  });

  it('tells the sentences of the events near the pointer, nearest first', () => {
    const events = [fired(start + 2_000, start + 3_000), spike(start + 3_200, start + 3_400)];
    expect(watchSentencesNear(events, start, 3_350, 500)).toEqual([
      'cpu spiked to 180 % (usually 2 %), 40 scales above.',
      describeWatchEvent(events[0]!),
    ]);
    expect(watchSentencesNear(events, start, 8_000, 500)).toEqual([]);
  });

  it('merges events pushed live into those known, once each, in time order', () => {
    const known = [fired(start, start + 1_000), spike(start + 4_000, start + 5_000)];
    const merged = mergeWatchEvents(known, [cleared(start, start + 3_000), fired(start, start + 1_000)]);
    expect(merged).toEqual([known[0], cleared(start, start + 3_000), known[1]]);
  });

  it('brushes from the episode start to the deciding reading, 5 s either side', () => {
    expect(watchEventRange(fired(start + 20_000, start + 30_000))).toEqual({
      from: start + 15_000,
      to: start + 35_000,
    });
  });
});
