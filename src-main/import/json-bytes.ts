// A cursor over JSON bytes for importers that know their format's shape (cpuprofile-scan.ts): they
// read the parts they need straight from a Buffer and skip the rest, so no string of the whole
// file and no object per value is ever made. It validates what it passes over (RFC 8259), but
// anything it does not handle — an escape in a key, an unexpected shape — is not an error here:
// it throws GiveUp, and the caller falls back to the general JSON.parse path, which owns the
// error messages.

/** Thrown when the input is not in the shape the fast path reads; the general path takes over. */
export class GiveUp extends Error {
  constructor(reason: string) {
    super(`fast JSON path not taken: ${reason}`);
  }
}

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const minus = 0x2d;
const zero = 0x30;
const nine = 0x39;
export const openBrace = 0x7b;
export const closeBrace = 0x7d;
export const openBracket = 0x5b;
export const closeBracket = 0x5d;
const containerObject = 1;
const containerArray = 2;

/** Reads JSON values from bytes; every read skips leading whitespace. */
export class JsonBytes {
  position = 0;
  /** Where the last string read with rawString() ends (its closing quote). */
  stringEnd = 0;
  // The open containers of skipValue, reused between calls; grown for deeply nested input.
  private containers = new Uint8Array(64);

  constructor(readonly bytes: Buffer) {}

  /** The next byte after whitespace (not consumed), or -1 at the end. */
  peek(): number {
    const bytes = this.bytes;
    let position = this.position;
    while (position < bytes.length) {
      const byte = bytes[position]!;
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break;
      position++;
    }
    this.position = position;
    return position < bytes.length ? bytes[position]! : -1;
  }

  /** Consumes `byte` (after whitespace) or gives up. */
  expect(byte: number): void {
    if (this.peek() !== byte) throw new GiveUp(`expected ${String.fromCharCode(byte)} at byte ${this.position}`);
    this.position++;
  }

  /** Consumes `byte` when it comes next. */
  accept(byte: number): boolean {
    if (this.peek() !== byte) return false;
    this.position++;
    return true;
  }

  /** Consumes exactly these bytes when they come next (no whitespace skipped); false otherwise. */
  acceptBytes(expected: Uint8Array): boolean {
    const bytes = this.bytes;
    const position = this.position;
    for (let index = 0; index < expected.length; index++) {
      if (bytes[position + index] !== expected[index]) return false;
    }
    this.position = position + expected.length;
    return true;
  }

  /** After a value in a container: true after a comma, false after the closing `close` byte. */
  more(close: number): boolean {
    const byte = this.peek();
    this.position++;
    if (byte === comma) return true;
    if (byte === close) return false;
    throw new GiveUp(`expected , or ${String.fromCharCode(close)} at byte ${this.position - 1}`);
  }

  /**
   * Reads a string without escapes and returns where its content starts; it ends at stringEnd.
   * A string with escapes gives up (keys and names that need them are rare).
   */
  rawString(): number {
    this.expect(quote);
    const bytes = this.bytes;
    const start = this.position;
    // A loop, not indexOf: keys are a few bytes, and a native call costs more than reading them.
    let end = start;
    for (;;) {
      const byte = bytes[end];
      if (byte === quote) break;
      if (byte === undefined || byte < 0x20 || byte === backslash) {
        throw new GiveUp('escape, control character or end in a string');
      }
      end++;
    }
    this.stringEnd = end;
    this.position = end + 1;
    return start;
  }

  /** Reads an object key and its colon; returns the key's start (it ends at stringEnd). */
  key(): number {
    const start = this.rawString();
    this.expect(colon);
    return start;
  }

  /** True when the bytes from `start` to stringEnd are exactly `expected`. */
  stringIs(start: number, expected: Uint8Array): boolean {
    if (this.stringEnd - start !== expected.length) return false;
    for (let index = 0; index < expected.length; index++) {
      if (this.bytes[start + index] !== expected[index]) return false;
    }
    return true;
  }

  /** Reads a number; gives up on anything else. */
  number(): number {
    if (this.peek() === -1) throw new GiveUp('expected a number at the end');
    const bytes = this.bytes;
    let position = this.position;
    const start = position;
    const negative = bytes[position] === minus;
    if (negative) position++;
    let value = 0;
    let digits = 0;
    while (position < bytes.length) {
      const byte = bytes[position]!;
      if (byte < zero || byte > nine) break;
      value = value * 10 + (byte - zero);
      digits++;
      position++;
    }
    if (digits === 0 || (digits > 1 && bytes[start + (negative ? 1 : 0)] === zero)) {
      throw new GiveUp(`bad number at byte ${start}`);
    }
    const next = bytes[position];
    // Integers of up to 15 digits are exact in the loop above; anything else goes through Number().
    if (next === 0x2e || next === 0x65 || next === 0x45 || digits > 15) {
      position = this.numberTail(position);
      this.position = position;
      return Number(bytes.toString('latin1', start, position));
    }
    this.position = position;
    return negative ? -value : value;
  }

  /**
   * Reads an array of numbers, pushing each into `values`. The compact integer lists profilers write
   * (`[1,2,30]`) are read in one loop; anything else (whitespace, fractions) through number().
   */
  numberList(values: { push(value: number): void }): void {
    this.expect(openBracket);
    if (this.accept(closeBracket)) return;
    const bytes = this.bytes;
    const length = bytes.length;
    for (;;) {
      const start = this.position;
      let position = start;
      const negative = bytes[position] === minus;
      if (negative) position++;
      const digitsStart = position;
      let value = 0;
      while (position < length) {
        const byte = bytes[position]!;
        if (byte < zero || byte > nine) break;
        value = value * 10 + (byte - zero);
        position++;
      }
      const digits = position - digitsStart;
      const next = position < length ? bytes[position]! : -1;
      // Up to 15 digits are exact in the loop; no leading zero; a comma or the bracket right after.
      if (digits > 0 && digits <= 15 && (digits === 1 || bytes[digitsStart] !== zero)) {
        if (next === comma || next === closeBracket) {
          values.push(negative ? -value : value);
          this.position = position + 1;
          if (next === closeBracket) return;
          continue;
        }
      }
      this.position = start;
      values.push(this.number());
      if (!this.more(closeBracket)) return;
    }
  }

  // The fraction and exponent of a number (RFC 8259 grammar); returns where the number ends.
  private numberTail(from: number): number {
    const bytes = this.bytes;
    let position = from;
    const digitsFrom = (at: number): number => {
      let end = at;
      while (end < bytes.length && bytes[end]! >= zero && bytes[end]! <= nine) end++;
      if (end === at) throw new GiveUp(`bad number at byte ${at}`);
      return end;
    };
    if (bytes[position] === 0x2e) position = digitsFrom(position + 1);
    if (bytes[position] === 0x65 || bytes[position] === 0x45) {
      position++;
      if (bytes[position] === 0x2b || bytes[position] === minus) position++;
      position = digitsFrom(position);
    }
    return position;
  }

  /** Skips one whole value of any kind, checking its grammar. Iterative, so nesting depth is free. */
  skipValue(): void {
    let depth = 0;
    for (;;) {
      // A value starts here.
      const byte = this.peek();
      if (byte === openBrace || byte === openBracket) {
        this.position++;
        const close = byte === openBrace ? closeBrace : closeBracket;
        if (!this.accept(close)) {
          if (depth === this.containers.length) this.growContainers();
          this.containers[depth++] = byte === openBrace ? containerObject : containerArray;
          if (byte === openBrace) this.skipKey();
          continue;
        }
      } else if (byte === quote) {
        this.skipString();
      } else if (byte === minus || (byte >= zero && byte <= nine)) {
        this.number();
      } else {
        this.literal();
      }
      // After a value: close finished containers, or go on to the next element.
      for (;;) {
        if (depth === 0) return;
        const isObject = this.containers[depth - 1] === containerObject;
        if (this.more(isObject ? closeBrace : closeBracket)) {
          if (isObject) this.skipKey();
          break;
        }
        depth--;
      }
    }
  }

  private skipKey(): void {
    this.skipString();
    this.expect(colon);
  }

  // A string with any escapes, validated but not decoded.
  private skipString(): void {
    this.expect(quote);
    const bytes = this.bytes;
    let position = this.position;
    for (;;) {
      if (position >= bytes.length) throw new GiveUp('unterminated string');
      const byte = bytes[position]!;
      if (byte === quote) break;
      if (byte < 0x20) throw new GiveUp('control character in a string');
      if (byte === backslash) {
        const escaped = bytes[position + 1];
        if (escaped === 0x75) {
          for (let index = 2; index < 6; index++) {
            if (!isHexDigit(bytes[position + index])) throw new GiveUp('bad \\u escape');
          }
          position += 6;
          continue;
        }
        if (escaped === undefined || !simpleEscapes.has(escaped)) throw new GiveUp('bad escape');
        position += 2;
        continue;
      }
      position++;
    }
    this.position = position + 1;
  }

  private literal(): void {
    for (const word of literals) {
      if (this.position + word.length > this.bytes.length) continue;
      if (this.bytes.compare(word, 0, word.length, this.position, this.position + word.length) === 0) {
        this.position += word.length;
        return;
      }
    }
    throw new GiveUp(`unexpected byte at ${this.position}`);
  }

  private growContainers(): void {
    const larger = new Uint8Array(this.containers.length * 2);
    larger.set(this.containers);
    this.containers = larger;
  }
}

/** The bytes of an ASCII key, for JsonBytes.stringIs. */
export function keyBytes(key: string): Uint8Array {
  return Buffer.from(key, 'latin1');
}

const literals = ['true', 'false', 'null'].map(keyBytes);
// ", \, /, b, f, n, r, t
const simpleEscapes = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function isHexDigit(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= zero && byte <= nine) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46))
  );
}
