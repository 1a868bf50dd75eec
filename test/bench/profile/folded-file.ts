// Writes a call tree as Brendan Gregg's folded stacks (https://github.com/brendangregg/FlameGraph):
// one line per node with self samples, frames root first joined by ";", a space and the count.
// Frames read like stackcollapse-perf's output for a Node.js program run with --perf-basic-prof:
// "name file.js:line" for JavaScript and the bare name for native code. Every function's text is
// distinct, so the flame graph has exactly one node per tree node (the root is the graph's "all").

import { closeSync, openSync, writeSync } from 'node:fs';
import type { CallTree, TreeFunction } from './call-tree';

const blockLength = 1 << 20;

/** How one function reads in a folded frame; unique per function index. */
function frameText(frame: TreeFunction, index: number): string {
  if (frame.url === '') return frame.name;
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
  // Anonymous functions are named by place; the index keeps two on the same line apart.
  return `${frame.name || `(anonymous)#${index}`} ${file}:${frame.line + 1}`;
}

/** Writes `tree` as folded stacks at `path`; returns the number of lines. */
export function writeFolded(tree: CallTree, path: string): number {
  const seen = new Set<string>();
  const texts = tree.functions.map((frame, index) => {
    let text = frameText(frame, index);
    if (seen.has(text)) text = `${text}#${index}`;
    seen.add(text);
    return text;
  });
  const count = tree.parent.length;
  // Children lists (compressed rows) for a depth-first walk in creation order.
  const first = new Int32Array(count + 1);
  for (let node = 1; node < count; node++) first[tree.parent[node]! + 1]!++;
  for (let node = 0; node < count; node++) first[node + 1]! += first[node]!;
  const list = new Int32Array(count);
  const next = first.slice(0, count);
  for (let node = 1; node < count; node++) list[next[tree.parent[node]!]!++] = node;

  const descriptor = openSync(path, 'w');
  let block = '';
  let lines = 0;
  // prefix[d] is the stack text down to depth d, so a line costs one concatenation.
  const prefix: string[] = [''];
  const pending = [0];
  try {
    while (pending.length > 0) {
      const node = pending.pop()!;
      const depth = tree.depth[node]!;
      if (node !== 0) {
        prefix[depth] = depth === 1 ? texts[tree.func[node]!]! : `${prefix[depth - 1]};${texts[tree.func[node]!]}`;
        const samples = tree.selfSamples[node]!;
        if (samples > 0) {
          block += `${prefix[depth]} ${samples}\n`;
          lines++;
          if (block.length >= blockLength) {
            writeSync(descriptor, block);
            block = '';
          }
        }
      }
      for (let child = first[node + 1]! - 1; child >= first[node]!; child--) pending.push(list[child]!);
    }
    writeSync(descriptor, block);
    return lines;
  } finally {
    closeSync(descriptor);
  }
}
