// A synthetic but realistic call tree for generated benchmark profiles: a Node.js service's
// functions (application files, node_modules packages, node: internals, native and GC frames) in a
// tree that is deep (chains of calls, recursive descent) and wide (many callers fan out), with
// heavy-tailed self times so a few functions are hot and most are cold, as in real profiles.
// Importers and flame graphs cost in proportion to nodes, depth and distinct names, which is what
// this controls; it is seeded, so the same options always give the same tree.

import { seededRandom, skewedIndex } from '../../helpers/seeded-random';

/** One function the tree's nodes call: a CDP call frame's fields. */
export interface TreeFunction {
  name: string;
  /** file:// URL, node: module or '' for native and V8 frames. */
  url: string;
  /** 0-based, -1 when unknown (as CDP writes them). */
  line: number;
  column: number;
}

/** A call tree in columns: node 0 is the root; parent[i] < i for every other node. */
export interface CallTree {
  functions: TreeFunction[];
  parent: Int32Array;
  func: Int32Array;
  depth: Uint16Array;
  /** Samples whose leaf is this node (its self time in samples); every leaf has at least one. */
  selfSamples: Uint32Array;
  maximumDepth: number;
}

/** How to shape a tree. */
export interface CallTreeOptions {
  nodes: number;
  seed: number;
  /**
   * Chance (below 0.69) that a new node is called by the node made just before it: higher is
   * deeper (0.5 gives nodes ≈ 20 deep on average, 0.6 ≈ 35, 0.66 ≈ 80).
   */
  deepening: number;
  maximumDepth: number;
}

const applicationAreas = [
  'routes',
  'services',
  'models',
  'middleware',
  'lib',
  'jobs',
  'graphql',
  'views',
  'cache',
  'auth',
];
const packages = [
  'express/lib/router',
  'body-parser/lib/types',
  'lodash',
  'pg/lib',
  'pg-protocol/dist',
  'ioredis/built',
  'mongoose/lib/query',
  'graphql/execution',
  'ajv/dist/compile',
  'react-dom/cjs',
  'ws/lib',
  'fastify/lib',
  'protobufjs/src',
  'zod/lib/types',
  'winston/lib/winston',
  'axios/lib/core',
  'undici/lib/fetch',
  'moment',
  'handlebars/dist/cjs',
  'sequelize/lib/dialects/postgres',
];
const internals = [
  'node:internal/process/task_queues',
  'node:internal/timers',
  'node:events',
  'node:internal/streams/readable',
  'node:internal/streams/writable',
  'node:_http_server',
  'node:_http_common',
  'node:net',
  'node:internal/fs/promises',
  'node:buffer',
  'node:internal/url',
  'node:zlib',
];
const verbs = [
  'handle',
  'parse',
  'validate',
  'serialize',
  'resolve',
  'render',
  'load',
  'compute',
  'apply',
  'emit',
  'dispatch',
  'transform',
  'encode',
  'decode',
  'fetch',
  'update',
  'build',
  'format',
  'merge',
  'compile',
  'write',
  'read',
  'visit',
  'normalize',
  'hash',
  'match',
  'collect',
  'flush',
  'schedule',
  'process',
];
const nouns = [
  'Request',
  'Response',
  'Headers',
  'Body',
  'Schema',
  'Row',
  'Query',
  'Token',
  'Session',
  'Template',
  'Node',
  'Field',
  'Chunk',
  'Buffer',
  'Record',
  'Batch',
  'Route',
  'Params',
  'Cookie',
  'Payload',
  'Document',
  'Index',
  'Value',
  'Object',
  'Array',
  'Entry',
  'Result',
  'Event',
  'Stream',
  'Message',
];
const nativeNames = [
  '(garbage collector)',
  'JSON.parse',
  'JSON.stringify',
  'RegExp.prototype.exec',
  'Array.prototype.sort',
  'String.prototype.replace',
  'Map.prototype.set',
  'writeUtf8String',
  'compileFunction',
  'structuredClone',
];

/** About `count` distinct functions with realistic names and places. */
function makeFunctions(count: number, random: () => number): TreeFunction[] {
  const functions: TreeFunction[] = [
    { name: '(root)', url: '', line: -1, column: -1 },
    { name: '(program)', url: '', line: -1, column: -1 },
    { name: '(idle)', url: '', line: -1, column: -1 },
    ...nativeNames.map((name) => ({ name, url: '', line: -1, column: -1 })),
  ];
  const files: string[] = [];
  for (let index = 0; index < Math.max(40, count / 12); index++) {
    const pick = random();
    if (pick < 0.45) {
      const area = applicationAreas[index % applicationAreas.length]!;
      files.push(`file:///app/src/${area}/${nouns[index % nouns.length]!.toLowerCase()}-${index}.js`);
    } else if (pick < 0.9) {
      files.push(
        `file:///app/node_modules/${packages[index % packages.length]}/${verbs[index % verbs.length]}-${index}.js`,
      );
    } else {
      files.push(internals[index % internals.length]!);
    }
  }
  while (functions.length < count) {
    const file = files[skewedIndex(random, files.length, 1.6)]!;
    const anonymous = random() < 0.12;
    const name = anonymous
      ? ''
      : `${verbs[Math.floor(random() * verbs.length)]}${nouns[Math.floor(random() * nouns.length)]}${random() < 0.3 ? functions.length : ''}`;
    functions.push({ name, url: file, line: Math.floor(random() * 900), column: Math.floor(random() * 60) });
  }
  return functions;
}

/** Builds a call tree of exactly `options.nodes` nodes. */
export function makeCallTree(options: CallTreeOptions): CallTree {
  const random = seededRandom(options.seed);
  // About one distinct function per 20 nodes: a big service's profile has tens of thousands.
  const functions = makeFunctions(Math.max(4000, Math.round(options.nodes / 20)), random);
  const count = options.nodes;
  const parent = new Int32Array(count);
  const func = new Int32Array(count);
  const depth = new Uint16Array(count);
  const childKeys = new Set<number>();
  const firstOrdinary = 3 + nativeNames.length;
  parent[0] = -1;
  func[0] = 0;
  let cursor = 0;
  let recursionLeft = 0;
  let maximumDepth = 0;
  // (program), (idle) and the garbage collector hang off the root, as in every V8 profile.
  for (let node = 1; node < Math.min(count, 4); node++) {
    parent[node] = 0;
    func[node] = node;
    depth[node] = 1;
    childKeys.add(node);
  }
  for (let node = 4; node < count; node++) {
    let caller: number;
    const choice = random();
    if (depth[cursor]! >= options.maximumDepth) recursionLeft = 0;
    if (recursionLeft > 0 || (choice < options.deepening && depth[cursor]! < options.maximumDepth)) {
      caller = cursor;
    } else if (choice < options.deepening + 0.3) {
      // Back up a frame or two and branch: siblings and cousins, which make the tree wide.
      caller = cursor;
      const steps = 1 + Math.floor(random() * 2);
      for (let step = 0; step < steps && depth[caller]! > 2; step++) caller = parent[caller]!;
    } else if (choice < 0.9998) {
      // Return to a frame of the current stack, more often a deep one than a shallow one: the pull
      // that keeps depth realistic while the top frames (event loop entry points) stay few.
      caller = cursor;
      const target = 1 + Math.floor(Math.sqrt(random()) * Math.max(1, depth[cursor]! - 1));
      while (depth[caller]! > target) caller = parent[caller]!;
    } else {
      caller = random() < 0.5 ? 0 : 4 + Math.floor(random() * (node - 4));
    }
    let callee: number;
    if (recursionLeft > 0) {
      callee = func[caller]!;
      recursionLeft--;
    } else if (random() < 0.04) {
      callee = 3 + Math.floor(random() * nativeNames.length);
    } else {
      callee = firstOrdinary + skewedIndex(random, functions.length - firstOrdinary, 1.8);
      if (random() < 0.02) recursionLeft = 5 + Math.floor(random() * 40);
    }
    // Siblings call distinct functions (a profile merges equal call frames under one caller).
    let key = caller * functions.length + callee;
    for (let attempt = 0; childKeys.has(key); attempt++) {
      callee = firstOrdinary + Math.floor(random() * (functions.length - firstOrdinary));
      key = caller * functions.length + callee;
      if (attempt > 50)
        throw new Error(`call-tree: node ${caller} has too many callees for ${functions.length} functions`);
    }
    childKeys.add(key);
    parent[node] = caller;
    func[node] = callee;
    depth[node] = depth[caller]! + 1;
    maximumDepth = Math.max(maximumDepth, depth[node]!);
    // Native frames are mostly leaves: the walk goes on from their caller.
    if (callee >= firstOrdinary || recursionLeft > 0) cursor = node;
  }
  return { functions, parent, func, depth, selfSamples: selfSamples(parent, random), maximumDepth };
}

/** Self samples: at least one per leaf, some on inner nodes, heavy-tailed so a few nodes are hot. */
function selfSamples(parent: Int32Array, random: () => number): Uint32Array {
  const hasChildren = new Uint8Array(parent.length);
  for (let node = 1; node < parent.length; node++) hasChildren[parent[node]!] = 1;
  const samples = new Uint32Array(parent.length);
  for (let node = 1; node < parent.length; node++) {
    if (hasChildren[node] && random() > 0.25) continue;
    const tail = random();
    samples[node] = 1 + Math.floor(tail < 0.97 ? -Math.log(1 - random()) * 1.5 : 20 / (1 - random()) ** 0.5);
  }
  return samples;
}
