// A real reply of V8's inspector whose last two samples name a node missing from the tree (made by
// test/fixtures/profiles/heap/untranslated-sample.js): the live Node profiler drops that sample
// instead of losing the whole chunk.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { appendHeapProfile, type SamplingHeapProfile } from '../../../src-main/import/cpuprofile';
import { withoutUntranslatedSamples } from '../../../src-main/profilers/node/heap-profile-samples';

const reply = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/profiles/heap/untranslated-sample.heapprofile'), 'utf8'),
) as SamplingHeapProfile;

const builder = () =>
  new ProfileBuilder({
    kind: 'allocation',
    weightUnit: 'bytes',
    startTime: 0,
    source: { tool: 'test', requestedIntervalMs: null },
  });

describe('V8 heap profile samples naming a node that is not in the tree', () => {
  it('are in the reply V8 gave, and make the strict importer refuse the whole chunk', () => {
    expect(() => appendHeapProfile(builder(), reply, 0, 'the reply')).toThrow(/names node 106, which does not exist/);
  });

  it('are dropped, and every other sample is kept', () => {
    const repaired = withoutUntranslatedSamples(reply);
    // The last two samples (ordinals 94 and 95) name node 106, which the tree does not hold.
    expect(repaired.samples).toHaveLength(reply.samples!.length - 2);
    expect(repaired.samples!.some((sample) => sample.nodeId === 106)).toBe(false);
    const allocations = builder();
    const bytes = appendHeapProfile(allocations, repaired, 0, 'the repaired reply');
    expect(allocations.sampleCount).toBe(93);
    expect(bytes).toBe(reply.samples!.reduce((sum, sample) => sum + sample.size, 0) - 2 * 16_400);
    expect(allocations.build(1).samples.length).toBe(93);
  });

  it('leave a profile without them untouched', () => {
    const whole = withoutUntranslatedSamples(reply);
    expect(withoutUntranslatedSamples(whole)).toBe(whole);
  });
});
