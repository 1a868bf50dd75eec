// Append-only typed-array columns that double when full: the builder's storage, so building a
// profile of a million samples allocates a handful of buffers instead of a million objects.

type TypedArray = Int32Array | Float64Array | Uint16Array | Uint8Array;
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
    if (this.length === this.values.length) {
      const larger = new this.create(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.length++] = value;
  }

  at(index: number): number {
    return this.values[index]!;
  }

  /** A right-sized copy; the builder's storage stays usable. */
  finish(): T {
    return this.values.slice(0, this.length) as T;
  }
}
