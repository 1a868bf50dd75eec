// Append-only typed-array columns that double when full: the builder's storage, so building a
// profile of a million samples allocates a handful of buffers instead of a million objects.

type TypedArray = Int32Array | Float64Array | Uint16Array | Uint8Array | Uint32Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

/** A typed array that grows as values are appended. */
export class GrowableColumn<T extends TypedArray> {
  private values: T;
  length = 0;

  constructor(
    private readonly create: TypedArrayConstructor<T>,
    initialCapacity = 1024,
  ) {
    this.values = new create(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.values.length) this.reserve(1);
    this.values[this.length++] = value;
  }

  /** Appends all of `values` in one copy. */
  pushAll(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.values.set(values, this.length);
    this.length += values.length;
  }

  /** Appends `value` `count` times. */
  pushRepeated(value: number, count: number): void {
    this.reserve(count);
    this.values.fill(value, this.length, this.length + count);
    this.length += count;
  }

  /** Makes room for `count` more values: twice the capacity, or exactly enough when that is more. */
  reserve(count: number): void {
    if (this.length + count <= this.values.length) return;
    const larger = new this.create(Math.max(this.values.length * 2, this.length + count));
    larger.set(this.values.subarray(0, this.length));
    this.values = larger;
  }

  /** Takes `values` as the whole column (a fold rewrote it); appending goes on after them. */
  replace(values: TypedArray): void {
    if (values.constructor !== this.create) throw new TypeError('A column is replaced by values of its own type.');
    this.values = values as T;
    this.length = values.length;
  }

  at(index: number): number {
    return this.values[index]!;
  }

  /** Replaces a value already appended. */
  set(index: number, value: number): void {
    this.values[index] = value;
  }

  /**
   * The values in a right-sized array of their own: the storage itself when it is exactly full
   * (as after one pushAll), a copy otherwise. Nothing is pushed afterwards.
   */
  finish(): T {
    return this.length === this.values.length ? this.values : (this.values.slice(0, this.length) as T);
  }

  /** The values so far without a copy, for a column that is not pushed to again. */
  view(): T {
    return this.values.subarray(0, this.length) as T;
  }
}
