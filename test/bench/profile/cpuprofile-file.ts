// Writes a call tree as a Node.js .cpuprofile, the way `node --cpu-prof` does (a CDP
// Profiler.Profile: https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile):
// nodes in depth-first order with call frames, hit counts, children and position ticks, then the
// samples (leaf node ids) and their time deltas in microseconds. Streamed to disk in blocks, so a
// 700k-node, ~130 MB profile never exists as one string.

import { closeSync, openSync, writeSync } from 'node:fs';
import type { CallTree } from './call-tree';
import { seededRandom } from '../../helpers/seeded-random';

/** What was written. */
export interface CpuProfileFacts {
  nodes: number;
  samples: number;
}

const blockLength = 1 << 20;

/** Children of every node in one array (compressed rows), in creation order. */
function childrenOf(parent: Int32Array): { first: Int32Array; list: Int32Array } {
  const first = new Int32Array(parent.length + 1);
  for (let node = 1; node < parent.length; node++) first[parent[node]! + 1]!++;
  for (let node = 0; node < parent.length; node++) first[node + 1]! += first[node]!;
  const list = new Int32Array(parent.length - 1);
  const next = first.slice(0, parent.length);
  for (let node = 1; node < parent.length; node++) list[next[parent[node]!]!++] = node;
  return { first, list };
}

/**
 * The sample sequence: each node's self samples in bursts of a few consecutive samples, ordered
 * roughly by the depth-first walk with local shuffling, since a program's consecutive samples are
 * usually in related code but not in a tidy order.
 */
function sampleSequence(tree: CallTree, preorder: Int32Array, random: () => number): Int32Array {
  let total = 0;
  for (let node = 0; node < tree.selfSamples.length; node++) total += tree.selfSamples[node]!;
  const sequence = new Int32Array(total);
  const bursts: number[] = [];
  for (const node of preorder) {
    let left = tree.selfSamples[node]!;
    while (left > 0) {
      const length = Math.min(left, 1 + Math.floor(random() * 6));
      bursts.push(node, length);
      left -= length;
    }
  }
  const burstCount = bursts.length / 2;
  const window = 64;
  for (let start = 0; start < burstCount; start += window) {
    const end = Math.min(burstCount, start + window);
    for (let index = end - 1; index > start; index--) {
      const other = start + Math.floor(random() * (index - start + 1));
      for (let field = 0; field < 2; field++) {
        const swap = bursts[index * 2 + field]!;
        bursts[index * 2 + field] = bursts[other * 2 + field]!;
        bursts[other * 2 + field] = swap;
      }
    }
  }
  let at = 0;
  for (let burst = 0; burst < burstCount; burst++) {
    const id = bursts[burst * 2]! + 1;
    for (let repeat = 0; repeat < bursts[burst * 2 + 1]!; repeat++) sequence[at++] = id;
  }
  return sequence;
}

/** Writes `tree` as a .cpuprofile at `path`. */
export function writeCpuProfile(tree: CallTree, path: string, seed: number): CpuProfileFacts {
  const random = seededRandom(seed);
  const { first, list } = childrenOf(tree.parent);
  const scriptIds = new Map<string, number>();
  const descriptor = openSync(path, 'w');
  let block = '';
  const write = (text: string) => {
    block += text;
    if (block.length >= blockLength) {
      writeSync(descriptor, block);
      block = '';
    }
  };
  try {
    // Depth-first preorder, iteratively: stacks are hundreds of frames deep.
    const preorder = new Int32Array(tree.parent.length);
    const pending = [0];
    let visited = 0;
    while (pending.length > 0) {
      const node = pending.pop()!;
      preorder[visited++] = node;
      for (let child = first[node + 1]! - 1; child >= first[node]!; child--) pending.push(list[child]!);
    }
    write('{"nodes":[');
    for (let index = 0; index < preorder.length; index++) {
      const node = preorder[index]!;
      const frame = tree.functions[tree.func[node]!]!;
      let scriptId = scriptIds.get(frame.url);
      if (scriptId === undefined) {
        scriptId = frame.url === '' ? 0 : scriptIds.size + 1;
        scriptIds.set(frame.url, scriptId);
      }
      const hits = tree.selfSamples[node]!;
      let text =
        `${index === 0 ? '' : ','}{"id":${node + 1},"callFrame":{"functionName":${JSON.stringify(frame.name)},` +
        `"scriptId":"${scriptId}","url":${JSON.stringify(frame.url)},"lineNumber":${frame.line},` +
        `"columnNumber":${frame.column}},"hitCount":${hits}`;
      if (first[node + 1]! > first[node]!) {
        text += `,"children":[${Array.from(list.subarray(first[node]!, first[node + 1]!), (child) => child + 1).join(',')}]`;
      }
      if (hits > 0 && frame.line >= 0) {
        text += `,"positionTicks":[{"line":${frame.line + 1 + Math.floor(random() * 30)},"ticks":${hits}}]`;
      }
      write(`${text}}`);
    }
    const samples = sampleSequence(tree, preorder, random);
    const startTime = 80_000_000_000 + Math.floor(random() * 1e9);
    let elapsed = 0;
    const deltas = new Int32Array(samples.length);
    for (let index = 0; index < deltas.length; index++) {
      // The sampler aims at 1 ms and drifts: most deltas are within a few percent, a few are long.
      deltas[index] = random() < 0.995 ? 950 + Math.floor(random() * 120) : 2000 + Math.floor(random() * 30_000);
      elapsed += deltas[index]!;
    }
    write(`],"startTime":${startTime},"endTime":${startTime + elapsed},"samples":[`);
    for (let start = 0; start < samples.length; start += 100_000) {
      write((start === 0 ? '' : ',') + samples.subarray(start, start + 100_000).join(','));
    }
    write('],"timeDeltas":[');
    for (let start = 0; start < deltas.length; start += 100_000) {
      write((start === 0 ? '' : ',') + deltas.subarray(start, start + 100_000).join(','));
    }
    write(']}');
    writeSync(descriptor, block);
    return { nodes: tree.parent.length, samples: samples.length };
  } finally {
    closeSync(descriptor);
  }
}
