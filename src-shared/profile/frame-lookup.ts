// Finds a frame by its fields in the frame table's own columns, as StackLookup finds stacks: an
// open-addressing table of frame indexes in one Int32Array. A Map keyed by a string of the six
// fields built that string, and hashed it, for every frame an importer met (35,000 in a large
// .cpuprofile). Files choose names, files and positions, so the hash is seeded per table.

import type { GrowableColumn } from './growable';

const empty = -1;

/** The frame table's columns, which hold the keys. */
export interface FrameColumns {
  name: GrowableColumn<Int32Array>;
  file: GrowableColumn<Int32Array>;
  line: GrowableColumn<Int32Array>;
  column: GrowableColumn<Int32Array>;
  module: GrowableColumn<Int32Array>;
  kind: GrowableColumn<Uint8Array>;
}

/** The builder's frame index: frames by name, file, line, column, module and kind. */
export class FrameLookup {
  private slots = new Int32Array(1 << 10).fill(empty);
  private mask = this.slots.length - 1;

  constructor(
    private readonly columns: FrameColumns,
    private readonly seed = (Math.random() * 2 ** 32) | 0,
  ) {}

  /** The frame with exactly these fields, or -1. */
  find(name: number, file: number, line: number, column: number, module: number, kind: number): number {
    const columns = this.columns;
    const start = hash(this.seed, name, file, line, column, module, kind) & this.mask;
    for (let slot = start; ; slot = (slot + 1) & this.mask) {
      const frame = this.slots[slot]!;
      if (
        frame === empty ||
        (columns.name.at(frame) === name &&
          columns.line.at(frame) === line &&
          columns.column.at(frame) === column &&
          columns.file.at(frame) === file &&
          columns.module.at(frame) === module &&
          columns.kind.at(frame) === kind)
      ) {
        return frame;
      }
    }
  }

  /** Indexes a frame just appended to the columns (not already present). */
  add(frame: number): void {
    // At most half full, so probes stay short and a free slot always exists.
    if ((frame + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(empty);
      this.mask = this.slots.length - 1;
      for (let earlier = 0; earlier < frame; earlier++) this.place(earlier);
    }
    this.place(frame);
  }

  private place(frame: number): void {
    const { name, file, line, column, module, kind } = this.columns;
    const key = hash(
      this.seed,
      name.at(frame),
      file.at(frame),
      line.at(frame),
      column.at(frame),
      module.at(frame),
      kind.at(frame),
    );
    let slot = key & this.mask;
    while (this.slots[slot] !== empty) slot = (slot + 1) & this.mask;
    this.slots[slot] = frame;
  }
}

// Each field goes in through a bijection of the state (xor, multiply by an odd number, xor-shift),
// so keys that differ in one field never meet; MurmurHash3's finaliser spreads the result.
function hash(seed: number, name: number, file: number, line: number, column: number, module: number, kind: number) {
  let value = mixed(mixed(mixed(mixed(mixed(mixed(seed, name), file), line), column), module), kind);
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return value ^ (value >>> 16);
}

function mixed(value: number, field: number): number {
  value = Math.imul(value ^ field, 0x9e3779b1);
  return value ^ (value >>> 15);
}
