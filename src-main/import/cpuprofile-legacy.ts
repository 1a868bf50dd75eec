// The .cpuprofile of older DevTools and V8 (before the CDP Profile type's flat `nodes` list, around
// Chrome 50): one `head` node with its children nested inside it, call frame fields on each node
// with 1-based lines, `startTime` and `endTime` in seconds, and each sample's absolute time in
// microseconds in `timestamps` (DevTools' CPUProfileDataModel reads it the same way). Earlier still,
// there are no samples, only each node's `hitCount`.

import type { CdpCallFrame, CdpProfile, CdpProfileNode } from './cpuprofile';

interface LegacyNode {
  id?: unknown;
  callFrame?: CdpCallFrame;
  functionName?: unknown;
  scriptId?: unknown;
  url?: unknown;
  lineNumber?: unknown;
  columnNumber?: unknown;
  hitCount?: unknown;
  children?: unknown;
}

interface LegacyProfile {
  head?: unknown;
  nodes?: unknown;
  startTime?: unknown;
  endTime?: unknown;
  samples?: unknown;
  timestamps?: unknown;
}

/** True for a parsed profile in the head-tree form. */
export function isLegacyCpuProfile(json: unknown): boolean {
  const profile = json as LegacyProfile | null;
  return typeof profile?.head === 'object' && profile.head !== null && profile.nodes === undefined;
}

/** The head-tree profile as a CDP profile; `fail` throws the caller's error. Iterative: depth is free. */
export function legacyCpuProfile(json: unknown, fail: (problem: string) => never): CdpProfile {
  const profile = json as LegacyProfile;
  const nodes: CdpProfileNode[] = [];
  const hits: { id: number; count: number }[] = [];
  // Nodes without an id (the oldest files, which have only hit counts) get ids no file uses.
  let unnamed = 0;
  const pending: { node: unknown; parent: number | undefined }[] = [{ node: profile.head, parent: undefined }];
  while (pending.length > 0) {
    const { node, parent } = pending.pop()!;
    if (typeof node !== 'object' || node === null) return fail('a node under "head" is not an object.');
    const legacy = node as LegacyNode;
    const id = Number.isInteger(legacy.id) ? (legacy.id as number) : --unnamed;
    nodes.push({ id, callFrame: legacy.callFrame ?? callFrameOf(legacy, fail), parent });
    if (typeof legacy.hitCount === 'number' && legacy.hitCount > 0) hits.push({ id, count: legacy.hitCount });
    const children = legacy.children ?? [];
    if (!Array.isArray(children)) return fail(`node ${id} has a "children" that is not a list.`);
    for (let index = children.length - 1; index >= 0; index--) pending.push({ node: children[index], parent: id });
  }
  const { startTime, endTime, samples, timestamps } = profile;
  if (typeof startTime !== 'number' || typeof endTime !== 'number') {
    return fail('"startTime" and "endTime" (seconds, in this older form) are not numbers.');
  }
  const start = startTime * 1e6;
  const end = endTime * 1e6;
  if (Array.isArray(samples) && samples.length > 0) {
    return {
      nodes,
      samples,
      timeDeltas: deltasOf(samples.length, timestamps, start, end),
      startTime: start,
      endTime: end,
    };
  }
  // Hit counts only: each hit is an equal share of the profile's time.
  const hitSamples = hits.flatMap(({ id, count }) => Array<number>(count).fill(id));
  const interval = hitSamples.length > 0 ? (end - start) / hitSamples.length : 0;
  return {
    nodes,
    samples: hitSamples,
    timeDeltas: hitSamples.map(() => interval),
    startTime: start,
    endTime: end,
  };
}

function callFrameOf(node: LegacyNode, fail: (problem: string) => never): CdpCallFrame {
  if (typeof node.functionName !== 'string') return fail(`node ${String(node.id)} has no functionName.`);
  return {
    functionName: node.functionName,
    scriptId: String(node.scriptId ?? ''),
    url: typeof node.url === 'string' ? node.url : '',
    lineNumber: typeof node.lineNumber === 'number' ? node.lineNumber - 1 : -1,
    columnNumber: typeof node.columnNumber === 'number' ? node.columnNumber - 1 : -1,
  };
}

// Time deltas from absolute timestamps, or evenly spread when the file has none.
function deltasOf(count: number, timestamps: unknown, start: number, end: number): number[] {
  if (Array.isArray(timestamps) && timestamps.length === count) {
    let previous = start;
    return timestamps.map((timestamp: unknown) => {
      const delta = (timestamp as number) - previous;
      previous = timestamp as number;
      return delta;
    });
  }
  return Array<number>(count).fill((end - start) / count);
}
