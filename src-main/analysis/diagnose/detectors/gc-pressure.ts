// GC pressure: the garbage collector takes a large share of the CPU the program uses, as the CPU
// profile's GC frames show (V8 reports them as "(garbage collector)"). The allocation profile, when
// there is one, names what allocates most.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { topFunctions } from '../profile-facts';

export function detectGcPressure(context: DiagnosisContext): Diagnosis[] {
  const kinds = context.profileKinds;
  if (!kinds) return [];
  const busy = context.profileWeight - kinds.idle;
  if (busy <= 0) return [];
  const gcShare = kinds.gc / busy;
  // Collection in a mostly waiting program (one whose heap grows, say) costs little: scale by how busy it is.
  const score = ramp(gcShare, 0.08, 0.25) * (0.5 + 0.5 * ramp(context.cpuMean, 20, 70));
  if (score <= 0) return [];
  const { input } = context;
  const site = input.allocationProfile ? (topFunctions(input.allocationProfile, 1)[0] ?? null) : null;
  const facts = [evidence('CPU in the garbage collector', gcShare * 100, 'percent')];
  const heap = input.samples.columns.jsHeapUsed;
  if (heap) {
    let low = Infinity;
    let high = -Infinity;
    for (const value of heap) {
      if (Number.isNaN(value)) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    if (high > low) facts.push(evidence('JS heap used swings by', high - low, 'bytes'));
  }
  if (site) facts.push(evidence(`Sampled allocations in ${site.functionName}`, site.share * 100, 'percent'));
  return [
    {
      class: 'gc-pressure',
      title: `GC pressure: ${formatPercent(gcShare * 100)} of CPU in the garbage collector${site ? `; most allocated in ${site.functionName}` : ''}`,
      detail:
        'The garbage collector takes a large part of the CPU: the program allocates faster than the young generation absorbs, or its live data sits near the heap’s limit so full collections repeat. Allocate less in the hot path (reuse buffers and objects), or give the heap more room.',
      confidence: score,
      evidence: facts,
      range: context.range,
      location: site,
    },
  ];
}
