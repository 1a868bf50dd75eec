// The report's packing round trip: what the engine packs (src-main/report/pack.ts), written as inert
// JSON (report-html.ts), is what the viewer unpacks (src-renderer/report/unpack.ts), node for node.

import { describe, expect, it } from 'vitest';
import { flameGraph } from '../../../src-main/analysis/flame-graph';
import { hotspots } from '../../../src-main/analysis/hotspots';
import { packFlameGraph, packHotspots, packTimeline, packWeights } from '../../../src-main/report/pack';
import { inertJson } from '../../../src-main/report/report-html';
import type { ProfileSelection } from '../../../src-shared/profile/views';
import { reportFormat, reportFormatVersion } from '../../../src-shared/report/report-data';
import {
  ReportFormatError,
  readReportData,
  rebuildNodes,
  unpackFlameGraph,
  unpackHotspots,
  unpackArray,
  unpackTimeline,
} from '../../../src-renderer/report/unpack';
import { profileFromText } from '../../helpers/profile-text';

const all: ProfileSelection = { kind: 'cpu', range: null, thread: null };
const hostile = '</script><script>alert(1)</script>';

/** Through JSON and back, as the report file carries it. */
function carried<T>(value: T): T {
  return JSON.parse(inertJson(value)) as T;
}

describe('report packing', () => {
  it('rebuilds a flame graph exactly: frames, depths, offsets, totals, subtree ends', () => {
    const profile = profileFromText(
      `main;parse;${hostile} 3\nmain;parse;token 2.5\nmain;render 7\nmain;render;paint 1.25\nidle 4\nmain 0.5`,
      { weightUnit: 'milliseconds' },
    );
    const view = flameGraph(profile, all);
    const unpacked = unpackFlameGraph(carried(packFlameGraph(view)), 'cpu');
    expect(unpacked.frames).toEqual(view.frames);
    expect(unpacked.totalWeight).toBe(view.totalWeight);
    expect(unpacked.sampleCount).toBe(view.sampleCount);
    expect(unpacked.maximumDepth).toBe(view.maximumDepth);
    for (const column of ['frame', 'parent', 'depth', 'end', 'start', 'total', 'self'] as const) {
      expect([...unpacked.nodes[column]], column).toEqual([...view.nodes[column]]);
    }
  });

  it('rebuilds hotspot rows and the frames they name', () => {
    const profile = profileFromText('main;a;b 3\nmain;b 2\nmain;c 1');
    const table = hotspots(profile, all, 100);
    expect(unpackHotspots(carried(packHotspots(table)), 'cpu')).toEqual(table);
  });

  it('keeps a timeline with unreadable values and times relative to the start', () => {
    const origin = 1_700_000_000_000;
    const view = {
      sessionId: 4,
      from: origin,
      to: origin + 3_000,
      sessionFrom: origin,
      sessionTo: origin + 3_000,
      times: Float64Array.from([origin, origin + 1_000, origin + 2_000]),
      series: { cpuUser: Float64Array.from([12.5, Number.NaN, 99.75]), rss: Float64Array.from([1e9, 1.5e9, 2e9]) },
      rawCount: 3,
      decimated: false,
      markers: [{ time: origin + 2_500, kind: 'target-exited' as const, message: 'exited with code 0' }],
    };
    const packed = carried(packTimeline(view, origin, 3_000));
    expect(packed.times.type).toBe('f64');
    expect(unpackTimeline(packed, 4)).toEqual(view);
  });

  it('stores weights as whole numbers where they are (samples, microseconds), else as 64-bit floats', () => {
    const samples = packWeights([0, 3, 2_000_000]);
    expect([samples.type, samples.divisor]).toEqual(['i32', undefined]);
    const milliseconds = [0.001, 1.234, 2.5, 1_999_999.999];
    const micro = packWeights(milliseconds);
    expect([micro.type, micro.divisor]).toEqual(['i32', 1000]);
    expect([...unpackArray(carried(micro))]).toEqual(milliseconds);
    for (const values of [[1 / 3, 1], [2 ** 32]]) {
      const exact = packWeights(values);
      expect(exact.type).toBe('f64');
      expect([...unpackArray(carried(exact))]).toEqual(values);
    }
  });

  it('writes JSON that cannot end its script element or open a comment, whatever the names say', () => {
    const text = inertJson({ name: hostile, other: '<!-- & \u2028 -->' });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ name: hostile, other: '<!-- & \u2028 -->' });
  });

  it('refuses a document of another format or version, and a damaged tree, with a sentence', () => {
    expect(() => readReportData('{"format":"other"}')).toThrow(ReportFormatError);
    expect(() => readReportData(`{"format":"${reportFormat}","version":${reportFormatVersion + 1}}`)).toThrow(
      /format version 2; this viewer reads version 1/,
    );
    expect(() => readReportData('{not json')).toThrow(/not valid JSON/);
    // Node 2 at depth 3 under a node at depth 1 skips a level: not a pre-order tree.
    expect(() => rebuildNodes(Int32Array.from([-1, 0, 1]), [0, 1, 3], Float64Array.from([0, 1, 1]))).toThrow(
      /not a tree/,
    );
  });
});
