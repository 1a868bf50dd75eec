import { describe, expect, it } from 'vitest';
import { parseOutputMetric, readOutputMetrics } from '../../../src-main/analysis/compare/output-metrics';
import { runMetricColumns, runMetrics } from '../../../src-main/analysis/compare/run-metrics';

describe('runMetrics', () => {
  const data = {
    times: Float64Array.from([0, 1_000, 2_000, 3_000]),
    columns: {
      cpuUser: Float64Array.from([Number.NaN, 50, 100, 100]),
      cpuSystem: Float64Array.from([Number.NaN, 10, 0, 20]),
      rss: Float64Array.from([100, 300, 200, 200]),
      readBytesRate: Float64Array.from([Number.NaN, 1_000, 0, 500]),
      threads: Float64Array.from([1, 4, 2, 2]),
    },
  };

  it('integrates rates into totals and CPU percent into CPU time', () => {
    const metrics = runMetrics(data, { commandDurationMs: 3_200 });
    expect(metrics.wall).toBe(3_200);
    // 50 % + 100 % + 100 % of a core for a second each: 2.5 s of CPU.
    expect(metrics['cpu.user']).toBeCloseTo(2_500, 9);
    expect(metrics['cpu.system']).toBeCloseTo(300, 9);
    expect(metrics['cpu.mean']).toBeCloseTo(280 / 3, 9);
    expect(metrics['cpu.p95']).toBe(120);
    expect(metrics['rss.peak']).toBe(300);
    expect(metrics['rss.mean']).toBe(200);
    expect(metrics['io.read']).toBe(1_500);
    expect(metrics['threads.peak']).toBe(4);
  });

  it("takes peaks from downsampled buckets' maxima and counts each bucket as its samples", () => {
    // Two buckets of 10 samples (means 50 % and 100 % CPU, RSS peaks 900 and 400), then 2 samples kept whole.
    const tiered = {
      times: Float64Array.from([10_000, 20_000, 21_000, 22_000]),
      columns: {
        cpuUser: Float64Array.from([50, 100, 0, 0]),
        cpuSystem: Float64Array.from([0, 0, 0, 0]),
        rss: Float64Array.from([300, 350, 200, 200]),
      },
      envelope: {
        counts: Float64Array.from([10, 10, 1, 1]),
        starts: Float64Array.from([1_000, 11_000, 21_000, 22_000]),
        minimum: { rss: Float64Array.from([100, 300, 200, 200]) },
        maximum: { rss: Float64Array.from([900, 400, 200, 200]) },
      },
    };
    const metrics = runMetrics(tiered, { commandDurationMs: null });
    expect(metrics['rss.peak']).toBe(900);
    expect(metrics['rss.mean']).toBeCloseTo((3_000 + 3_500 + 400) / 22, 9);
    expect(metrics['cpu.mean']).toBeCloseTo(1_500 / 22, 9);
    // 95 % of 22 samples is the 21st: within the 100 % bucket (samples 13–22 in order).
    expect(metrics['cpu.p95']).toBe(100);
  });

  it('needs only the columns it names, so callers read no others from the store', () => {
    const only = Object.fromEntries(
      Object.entries(data.columns).filter(([key]) => (runMetricColumns as readonly string[]).includes(key)),
    );
    expect(runMetrics({ times: data.times, columns: only }, { commandDurationMs: 1 })).toEqual(
      runMetrics(data, { commandDurationMs: 1 }),
    );
    expect(runMetricColumns).toEqual(
      expect.arrayContaining(['cpuUser', 'cpuSystem', 'rss', 'readBytesRate', 'threads']),
    );
  });

  it('leaves what was not measured empty: a run attached to has no wall time', () => {
    const metrics = runMetrics(data, { commandDurationMs: null });
    expect(metrics.wall).toBeNull();
    expect(metrics['io.write']).toBeNull();
    expect(metrics['fds.peak']).toBeNull();
  });
});

describe('output metrics', () => {
  it('reads the first group of the last match: the result a benchmark prints last', () => {
    const parsed = parseOutputMetric(String.raw`latency_ms=p99=(\d+\.?\d*)ms`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const output = 'warm-up p99=40.5ms\nrun 1 p99=12.25ms\nresult p99=11.5ms\n';
    expect(readOutputMetrics(output, [parsed.spec])).toEqual({ latency_ms: 11.5 });
    expect(readOutputMetrics('nothing here', [parsed.spec])).toEqual({ latency_ms: null });
  });

  it('reads numbers with thousands separators', () => {
    const parsed = parseOutputMetric(String.raw`ops=([\d,]+) ops/s`);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(readOutputMetrics('12,345 ops/s', [parsed.spec])).toEqual({ ops: 12_345 });
  });

  it('says what is wrong with a bad option', () => {
    expect(parseOutputMetric('latency')).toMatchObject({ ok: false, message: expect.stringMatching(/NAME=REGEX/) });
    expect(parseOutputMetric('9lives=(\\d+)')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/starts with a letter/),
    });
    expect(parseOutputMetric('x=(\\d+')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a valid regular expression/),
    });
    expect(parseOutputMetric(String.raw`x=\(\d+\)`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/capture group/),
    });
    expect(parseOutputMetric(String.raw`x=(?:\d+)`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/capture group/),
    });
  });
});
