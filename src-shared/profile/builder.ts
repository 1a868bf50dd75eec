// The one way to make a Profile. Every importer and profiler ends here (speedscope's
// ProfileBuilder pattern), so nothing downstream branches on where a profile came from.
// Frames and stacks are deduplicated as they are added; samples are appended in any order and
// sorted by time once, at build().

import type { EpochMilliseconds, Milliseconds } from '../units';
import { GrowableColumn } from './growable';
import { LineCostColumns, wholeOrZero } from './line-cost-columns';
import { FrameLookup } from './frame-lookup';
import { shortenedName } from './frame-name';
import { StackLookup } from './stack-lookup';
import { foldSampleRows, rowsInTimeOrder, type FoldRule } from './sample-folding';
import {
  frameKinds,
  noString,
  type FrameInput,
  type IndexIntoFrameTable,
  type IndexIntoStackTable,
  type IndexIntoStringTable,
  type IndexIntoThreadTable,
  type Profile,
  type ProfileKind,
  type ProfileSource,
  type ProfileThread,
  type WeightUnit,
} from './profile';

/** What a builder needs before the first frame. */
export interface ProfileHeader {
  kind: ProfileKind;
  weightUnit: WeightUnit;
  startTime: EpochMilliseconds;
  source: ProfileSource;
}

// Far beyond any real profile; they bound the lookup table (two Int32 slots per stack) and the
// frame-key strings.
const maximumFrames = 2 ** 26;
const maximumStacks = 2 ** 27 - 1;
const maximumThreads = 65_535;

/** Builds one immutable Profile. Not reusable after build(). */
export class ProfileBuilder {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, IndexIntoStringTable>();
  private readonly frameName = new GrowableColumn(Int32Array);
  private readonly frameFile = new GrowableColumn(Int32Array);
  private readonly frameLine = new GrowableColumn(Int32Array);
  private readonly frameColumn = new GrowableColumn(Int32Array);
  private readonly frameModule = new GrowableColumn(Int32Array);
  private readonly frameKind = new GrowableColumn(Uint8Array);
  private readonly frameLookup = new FrameLookup({
    name: this.frameName,
    file: this.frameFile,
    line: this.frameLine,
    column: this.frameColumn,
    module: this.frameModule,
    kind: this.frameKind,
  });
  private readonly stackParent = new GrowableColumn(Int32Array);
  private readonly stackFrame = new GrowableColumn(Int32Array);
  private readonly stackLookup = new StackLookup(this.stackParent, this.stackFrame);
  private readonly sampleStack = new GrowableColumn(Int32Array);
  private readonly sampleTime = new GrowableColumn(Float64Array);
  private readonly sampleWeight = new GrowableColumn(Float64Array);
  private readonly sampleThread = new GrowableColumn(Uint16Array);
  // Line costs (profile.ts): the line node of each sample, the node tree, and aggregated ticks.
  private readonly sampleNode = new GrowableColumn(Int32Array);
  private sampleNodes = false;
  // How many samples each row stands for, from the first fold() on (before it, every row is one).
  private sampleCounts: GrowableColumn<Uint32Array> | null = null;
  // Rows before this were folded already (or pinned): the next fold() starts here.
  private foldedBefore: EpochMilliseconds | null = null;
  private readonly lines = new LineCostColumns(this.stackParent);
  private readonly threads: ProfileThread[] = [];
  private endTime: Milliseconds = 0;
  private built = false;

  constructor(private readonly header: ProfileHeader) {}

  /**
   * Interns a string, shortened to maximumNameLength (frame-name.ts). Names such as "__proto__" are
   * ordinary keys here (a Map, not an object).
   */
  string(text: string): IndexIntoStringTable {
    const value = shortenedName(text);
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    return index;
  }

  /** Adds a frame, or returns the existing one with the same name, location, module and kind. */
  frame(input: FrameInput): IndexIntoFrameTable {
    const name = this.string(input.name);
    const file = input.file ? this.string(input.file) : noString;
    const module = input.module ? this.string(input.module) : noString;
    return this.internedFrame(name, file, input.line, input.column, module, input.kind);
  }

  /**
   * frame() for strings already interned with string() (noString for none): an importer that meets
   * a file many times interns its path and package once.
   */
  internedFrame(
    name: IndexIntoStringTable,
    file: IndexIntoStringTable,
    line: number | null | undefined,
    column: number | null | undefined,
    module: IndexIntoStringTable,
    kind: FrameInput['kind'],
  ): IndexIntoFrameTable {
    const kindIndex = frameKinds.indexOf(kind);
    if (kindIndex < 0) throw new TypeError(`Unknown frame kind "${String(kind)}".`);
    if (!this.isString(name, false) || !this.isString(file, true) || !this.isString(module, true))
      throw new RangeError(`A frame names a string that was not interned (${name}, ${file}, ${module}).`);
    const wholeLine = wholeOrZero(line);
    const wholeColumn = wholeOrZero(column);
    let index = this.frameLookup.find(name, file, wholeLine, wholeColumn, module, kindIndex);
    if (index === -1) {
      index = this.frameName.length;
      if (index >= maximumFrames)
        throw new RangeError('The profile has more distinct frames than Thermograph supports.');
      this.frameName.push(name);
      this.frameFile.push(file);
      this.frameLine.push(wholeLine);
      this.frameColumn.push(wholeColumn);
      this.frameModule.push(module);
      this.frameKind.push(kindIndex);
      this.frameLookup.add(index);
    }
    return index;
  }

  private isString(index: IndexIntoStringTable, orNone: boolean): boolean {
    return (orNone && index === noString) || (Number.isInteger(index) && index >= 0 && index < this.strings.length);
  }

  /** The stack that is `frame` called from `parent` (-1 for a root frame). */
  stack(parent: IndexIntoStackTable, frame: IndexIntoFrameTable): IndexIntoStackTable {
    let index = this.stackLookup.find(parent, frame);
    if (index === -1) {
      if (frame < 0 || frame >= this.frameName.length) throw new RangeError(`Frame ${frame} does not exist.`);
      if (parent < -1 || parent >= this.stackFrame.length) throw new RangeError(`Stack ${parent} does not exist.`);
      index = this.stackFrame.length;
      if (index >= maximumStacks)
        throw new RangeError('The profile has more distinct stacks than Thermograph supports.');
      this.stackParent.push(parent);
      this.stackFrame.push(frame);
      this.stackLookup.add(index);
    }
    return index;
  }

  /** The stack for frames listed root first; -1 for an empty list. Iterative, so 100k-deep stacks are fine. */
  stackOf(framesRootFirst: ArrayLike<IndexIntoFrameTable>): IndexIntoStackTable {
    let stack = -1;
    for (let index = 0; index < framesRootFirst.length; index++) stack = this.stack(stack, framesRootFirst[index]!);
    return stack;
  }

  /**
   * The line node for `line` (1-based; anything else is unknown, 0) running in the top frame of
   * `stack`, called from line node `parent` (-1 for a root), which must sit on stack's parent row.
   */
  lineNode(parent: number, stack: IndexIntoStackTable, line: number | null | undefined): number {
    if (stack < 0 || stack >= this.stackFrame.length) throw new RangeError(`Stack ${stack} does not exist.`);
    return this.lines.node(parent, stack, line);
  }

  /**
   * The stack and line node for frames listed root first with the line each runs (0 or null:
   * unknown); -1 for both with an empty list.
   */
  lineStackOf(
    framesRootFirst: ArrayLike<IndexIntoFrameTable>,
    linesRootFirst: ArrayLike<number | null>,
  ): { stack: IndexIntoStackTable; node: number } {
    let stack = -1;
    let node = -1;
    for (let index = 0; index < framesRootFirst.length; index++) {
      stack = this.stack(stack, framesRootFirst[index]!);
      node = this.lineNode(node, stack, linesRootFirst[index]);
    }
    return { stack, node };
  }

  /**
   * Adds `ticks` samples on `line` of the top frame of `stack`, counted for the whole recording
   * (V8's positionTicks). Unknown lines and non-positive or non-finite ticks are dropped.
   */
  lineTicks(stack: IndexIntoStackTable, line: number, ticks: number): void {
    if (stack < 0 || stack >= this.stackFrame.length) throw new RangeError(`Stack ${stack} does not exist.`);
    this.lines.ticks(stack, line, ticks);
  }

  /** Adds (or finds) a thread. */
  thread(text: string, tid: number | null = null): IndexIntoThreadTable {
    const name = shortenedName(text);
    const existing = this.threads.findIndex((thread) => thread.tid === tid && thread.name === name);
    if (existing >= 0) return existing;
    if (this.threads.length >= maximumThreads)
      throw new RangeError('The profile has more threads than Thermograph supports.');
    this.threads.push({ name, tid });
    return this.threads.length - 1;
  }

  /**
   * Adds one sample: `stack` at `time` (milliseconds since the header's startTime) weighing
   * `weight` in the header's unit. Samples with an empty stack (-1) are dropped: they have no frame
   * to charge. Non-finite or negative weights are rejected, so importers must say what they read.
   */
  sample(
    stack: IndexIntoStackTable,
    time: Milliseconds,
    weight: number,
    thread: IndexIntoThreadTable = 0,
    lineNode = -1,
  ): void {
    if (!this.kept(stack, time, weight, thread)) return;
    if (lineNode !== -1) {
      if (lineNode < 0 || lineNode >= this.lines.nodeCount || this.lines.stackOf(lineNode) !== stack)
        throw new RangeError(`Line node ${lineNode} is not on stack ${stack}.`);
      this.sampleNodes = true;
    }
    this.sampleStack.push(stack);
    this.sampleTime.push(time);
    this.sampleWeight.push(weight);
    this.sampleThread.push(thread);
    this.sampleNode.push(lineNode);
    this.sampleCounts?.push(1);
  }

  /**
   * Adds samples held in columns, as sample() adds each: sample i is stacks[i] at times[i] weighing
   * weights[i]. Columns that keep every sample are copied whole instead of one value at a time.
   */
  samples(stacks: Int32Array, times: Float64Array, weights: Float64Array, thread: IndexIntoThreadTable = 0): void {
    const count = stacks.length;
    if (times.length !== count || weights.length !== count)
      throw new RangeError('Sample columns must have one value per sample.');
    let keptAll = true;
    for (let index = 0; index < count; index++) {
      if (!this.kept(stacks[index]!, times[index]!, weights[index]!, thread)) keptAll = false;
    }
    if (!keptAll) {
      for (let index = 0; index < count; index++) {
        const stack = stacks[index]!;
        if (stack === -1 || weights[index] === 0) continue;
        this.sampleStack.push(stack);
        this.sampleTime.push(times[index]!);
        this.sampleWeight.push(weights[index]!);
        this.sampleThread.push(thread);
        this.sampleNode.push(-1);
        this.sampleCounts?.push(1);
      }
      return;
    }
    this.sampleStack.pushAll(stacks);
    this.sampleTime.pushAll(times);
    this.sampleWeight.pushAll(weights);
    this.sampleThread.pushRepeated(thread, count);
    this.sampleNode.pushRepeated(-1, count);
    this.sampleCounts?.pushRepeated(1, count);
  }

  // Checks one sample and extends endTime by it; false for one that is dropped.
  private kept(stack: IndexIntoStackTable, time: Milliseconds, weight: number, thread: IndexIntoThreadTable): boolean {
    if (!Number.isFinite(time)) throw new RangeError(`A sample time must be a finite number, not ${time}.`);
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`A sample weight must be ≥ 0, not ${weight}.`);
    if (stack === -1 || weight === 0) return false;
    if (stack < 0 || stack >= this.stackFrame.length) throw new RangeError(`Stack ${stack} does not exist.`);
    if (this.threads.length === 0) this.thread('main');
    if (thread < 0 || thread >= this.threads.length) throw new RangeError(`Thread ${thread} does not exist.`);
    const end = time + (this.header.weightUnit === 'milliseconds' ? weight : 0);
    if (end > this.endTime) this.endTime = end;
    return true;
  }

  /** Number of sample rows so far (a folded row stands for several samples). */
  get sampleCount(): number {
    return this.sampleStack.length;
  }

  /**
   * Folds the old samples that `rule` names into one row per bucket, thread, stack and line node
   * (sample-folding.ts), so a recording of hours holds a bounded number of rows; the built profile
   * still counts every sample. Returns how many rows it removed.
   */
  fold(rule: FoldRule): number {
    const rows = this.sampleStack.length;
    const folded = foldSampleRows(
      {
        length: rows,
        stack: this.sampleStack.view(),
        time: this.sampleTime.view(),
        weight: this.sampleWeight.view(),
        thread: this.sampleThread.view(),
        node: this.sampleNode.view(),
        count: this.sampleCounts?.view() ?? null,
      },
      this.header.startTime,
      rule,
      this.foldedBefore,
    );
    const boundary = Math.floor(rule.before / rule.bucketMs) * rule.bucketMs;
    this.foldedBefore = Math.max(this.foldedBefore ?? boundary, boundary);
    if (!folded) return 0;
    this.sampleStack.replace(folded.stack);
    this.sampleTime.replace(folded.time);
    this.sampleWeight.replace(folded.weight);
    this.sampleThread.replace(folded.thread);
    this.sampleNode.replace(folded.node!);
    this.sampleCounts ??= new GrowableColumn(Uint32Array);
    this.sampleCounts.replace(folded.count!);
    return rows - folded.length;
  }

  /** Finishes the profile. `durationMs` defaults to the end of the last sample. */
  build(durationMs?: Milliseconds): Profile {
    if (this.built) throw new Error('ProfileBuilder.build() was already called.');
    this.built = true;
    if (this.threads.length === 0) this.thread('main');
    const { node: sampleNode, ...samples } = rowsInTimeOrder({
      length: this.sampleStack.length,
      stack: this.sampleStack.finish(),
      time: this.sampleTime.finish(),
      weight: this.sampleWeight.finish(),
      thread: this.sampleThread.finish(),
      node: this.sampleNode.finish(),
      count: this.sampleCounts?.finish() ?? null,
    });
    const lines = this.lines.finish(this.sampleNodes ? sampleNode! : null);
    return {
      kind: this.header.kind,
      weightUnit: this.header.weightUnit,
      startTime: this.header.startTime,
      durationMs: Math.max(durationMs ?? 0, this.endTime),
      source: { ...this.header.source },
      strings: this.strings,
      frames: {
        length: this.frameName.length,
        name: this.frameName.finish(),
        file: this.frameFile.finish(),
        line: this.frameLine.finish(),
        column: this.frameColumn.finish(),
        module: this.frameModule.finish(),
        kind: this.frameKind.finish(),
      },
      stacks: { length: this.stackFrame.length, parent: this.stackParent.finish(), frame: this.stackFrame.finish() },
      samples,
      threads: this.threads.map((thread) => ({ ...thread })),
      ...(lines ? { lines } : {}),
    };
  }
}
