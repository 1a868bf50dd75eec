// A CPU-heavy Node.js program for the report benchmark (report-bench.ts): about 6 s of work on this
// machine spread over 384 distinct functions whose call chains are tens of frames deep, so every
// profiler's report has a flame graph of thousands of nodes to carry and draw. Usage:
//   node report-workload.mjs [rounds]
// The functions are generated (a hand-written file of hundreds of functions would say nothing more)
// as one script with a file name, so profiles show them with a file and line like any module. The
// call graph is layered, like a service's handlers → services → models → libraries: a function
// does its own work, then calls a function of the next layer chosen by the request's route (its
// entry function), now and then a neighbour of it chosen by its data, and sometimes a second one;
// the last layer re-enters the first up to twice, which makes stacks up to ~50 frames deep. Self
// times are skewed (a few functions hot, most cold), and some functions use builtins (JSON, sorting,
// regular expressions), as real code does. Everything is seeded and the work is fixed, not timed,
// so each run makes the same calls: ≈ 4,000 samples in ≈ 23,000 distinct call paths at 1 ms.
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

const rounds = Number(process.argv[2] ?? 15000);
const layers = 16;
const width = 24;
/** How many times the last layer re-enters the first: stacks are up to (reentries + 1) × layers deep. */
const reentries = 2;

const verbs = ['parse', 'validate', 'load', 'resolve', 'render', 'encode', 'merge', 'filter', 'score', 'index'];
const nouns = [
  'Order',
  'User',
  'Cart',
  'Invoice',
  'Token',
  'Query',
  'Row',
  'Page',
  'Route',
  'Session',
  'Price',
  'Stock',
];

/** Park–Miller, so every run generates the same program. */
let seed = 12345;
function random() {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
}

/** One generated function's source: its own work, then its callees in the next layer. */
function functionSource(layer, index) {
  const verb = verbs[(layer * 7 + index) % verbs.length];
  const noun = nouns[(layer * 5 + index * 3) % nouns.length];
  const name = `${verb}${noun}L${layer}N${index}`;
  // Heavy-tailed self work: most functions do a little, a few do a lot.
  const work = Math.round(4 + 400 * random() ** 6);
  const builtin =
    verb === 'encode'
      ? '  sink += JSON.stringify({ id: x, name: "' + noun + '", tags: [x % 7, x % 11] }).length;\n'
      : verb === 'filter'
        ? '  sink += [x % 13, x % 7, x % 29, x % 3, x % 17].sort((a, b) => a - b)[2];\n'
        : verb === 'validate'
          ? '  sink += /^[a-z]+-\\d+$/.test("' + noun.toLowerCase() + '-" + x) ? 1 : 0;\n'
          : '';
  // A request's route (its entry function) picks each callee, and now and then its data picks a
  // neighbour instead, as code paths branch: enough distinct stacks for a large flame graph, few
  // enough that most samples share their paths, as in a real service.
  const primary = (index * 5 + layer) % width;
  const next = layer + 1 < layers ? `table[${layer + 1}]` : 'table[0]';
  const callee = `${next}[(${primary} + route + ((acc & 255) === 0 ? 1 : 0)) % ${width}]`;
  const call =
    layer + 1 < layers
      ? `  acc += ${callee}(acc, route, depth);\n` +
        `  if (acc % 23 === 0) acc += ${next}[${(index * 11 + 1) % width}](acc, route, depth);\n`
      : `  if (depth < ${reentries} && acc % 3 === 0) acc += ${callee}(acc, route, depth + 1);\n`;
  return (
    `function ${name}(x, route, depth) {\n  let acc = x | 0;\n` +
    `  for (let k = 0; k < ${work}; k++) acc = (acc * 31 + k) % 1000003;\n` +
    builtin +
    call +
    `  return acc % 1000003;\n}\n`
  );
}

let source = 'let sink = 0;\nconst table = [];\n';
for (let layer = 0; layer < layers; layer++) {
  const names = [];
  for (let index = 0; index < width; index++) {
    const text = functionSource(layer, index);
    source += text;
    names.push(/^function (\w+)/.exec(text)[1]);
  }
  source += `table.push([${names.join(', ')}]);\n`;
}
source += '(function run(rounds) {\n  let total = 0;\n';
source += `  for (let round = 0; round < rounds; round++)\n`;
source += `    for (let entry = 0; entry < ${width}; entry++) total += table[0][entry](round * ${width} + entry, entry, 0);\n`;
source += '  return total + sink;\n})';

const run = runInThisContext(source, { filename: join(import.meta.dirname, 'report-workload-generated.js') });
const began = performance.now();
const result = run(rounds);
console.log(`report-workload: ${rounds} rounds in ${Math.round(performance.now() - began)} ms (checksum ${result})`);
