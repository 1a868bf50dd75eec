// Reads a JSON document from an ImportInput. Small inputs are concatenated and given to JSON.parse
// (fastest); past a threshold the bytes go through JsonStreamParser instead, because V8 cannot make
// a string longer than ~512 MiB and a 1 GiB .cpuprofile is a real thing. Grammar: RFC 8259.

import { ThermographError } from '../../src-shared/api/errors';
import type { Bytes } from '../../src-shared/units';
import type { ImportInput } from './importer';

/** Inputs up to this size are parsed with JSON.parse; larger ones are streamed. */
export const jsonParseLimit: Bytes = 256 * 1024 * 1024;

/** Settings for readJson, mostly for tests. */
export interface ReadJsonOptions {
  /** Stream inputs larger than this many bytes (default jsonParseLimit). */
  streamAbove?: Bytes;
}

/** Parses the whole input as JSON; throws ThermographError('invalid-profile') naming the position of a syntax error. */
export async function readJson(input: ImportInput, options: ReadJsonOptions = {}): Promise<unknown> {
  const limit = options.streamAbove ?? jsonParseLimit;
  const buffered: Buffer[] = [];
  let length = 0;
  let parser: JsonStreamParser | null = null;
  try {
    for await (const chunk of input.chunks()) {
      if (parser) {
        parser.write(chunk);
        continue;
      }
      buffered.push(chunk);
      length += chunk.length;
      if (length > limit) {
        parser = new JsonStreamParser();
        for (const part of buffered.splice(0)) parser.write(part);
      }
    }
    if (parser) return parser.end();
  } catch (error) {
    if (error instanceof SyntaxError) throw invalidJson(input.name, error.message);
    throw error;
  }
  // Only the text stays referenced while JSON.parse builds the value: the chunks and their
  // concatenation can be collected, which lowers the peak by twice the file's size.
  const text = Buffer.concat(buffered.splice(0), length).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson(input.name, locateError(Buffer.from(text, 'utf8')));
  }
}

// V8's JSON.parse messages rarely say where the problem is; the streaming parser, run again on the
// (small) failing input, gives the line and column an editor can jump to.
function locateError(bytes: Buffer): string {
  try {
    const parser = new JsonStreamParser();
    parser.write(bytes);
    parser.end();
  } catch (error) {
    if (error instanceof SyntaxError) return error.message;
  }
  return 'it could not be parsed';
}

function invalidJson(name: string, detail: string): ThermographError {
  return new ThermographError(
    'invalid-profile',
    `${name} is not valid JSON: ${detail}. The file is probably truncated or damaged; export it again.`,
  );
}

// Parser states. Strings, numbers and literals may span chunks, so each keeps its partial token.
const enum State {
  Value,
  ValueOrArrayEnd,
  KeyOrObjectEnd,
  Key,
  Colon,
  AfterValue,
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  Done,
}

interface Container {
  value: Record<string, unknown> | unknown[];
  key: string;
}

const literals: Record<string, unknown> = { true: true, false: false, null: null };
const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const escapes: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

/**
 * An incremental JSON parser over byte chunks: no recursion (a 100,000-deep array is fine) and no
 * string larger than one JSON string value. Errors are SyntaxErrors naming the line and column
 * (columns count bytes).
 */
export class JsonStreamParser {
  private state = State.Value;
  private readonly stack: Container[] = [];
  private root: unknown = undefined;
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  // The string being read: decoded text plus raw bytes not yet decoded (they may end mid-character).
  private text = '';
  private pending: Buffer[] = [];
  private stringIsKey = false;
  private token = '';

  /** Feeds the next chunk of bytes. */
  write(chunk: Buffer): void {
    let index = 0;
    while (index < chunk.length) {
      const state = this.state;
      if (state === State.String) {
        index = this.readString(chunk, index);
        continue;
      }
      const byte = chunk[index]!;
      if (state === State.Number || state === State.Literal) {
        if (isTokenByte(byte, state)) {
          this.token += String.fromCharCode(byte);
          index++;
          this.offset++;
          continue;
        }
        this.finishToken();
        continue; // The terminating byte is read again in the new state.
      }
      if (state === State.Escape) {
        this.readEscape(byte);
      } else if (state === State.Unicode) {
        this.token += String.fromCharCode(byte);
        if (this.token.length === 4) {
          if (!/^[0-9a-fA-F]{4}$/.test(this.token)) this.fail('bad \\u escape');
          this.text += String.fromCharCode(parseInt(this.token, 16));
          this.token = '';
          this.state = State.String;
        }
      } else if (byte === 0x0a) {
        // Raw newlines occur only between tokens (a string cannot hold one), so lines count here.
        this.line++;
        this.lineStart = this.offset + 1;
      } else if (byte !== 0x20 && byte !== 0x0d && byte !== 0x09) {
        this.readStructure(byte);
      }
      index++;
      this.offset++;
    }
  }

  /** Finishes the document and returns its value. */
  end(): unknown {
    if (this.state === State.Number || this.state === State.Literal) this.finishToken();
    if (this.state !== State.Done) this.fail('unexpected end of input');
    return this.root;
  }

  private readStructure(byte: number): void {
    switch (this.state) {
      case State.Value:
      case State.ValueOrArrayEnd:
        if (byte === 0x5d && this.state === State.ValueOrArrayEnd) return this.close(true);
        return this.startValue(byte);
      case State.KeyOrObjectEnd:
      case State.Key:
        if (byte === 0x7d && this.state === State.KeyOrObjectEnd) return this.close(false);
        if (byte !== 0x22) return this.fail('expected a property name in double quotes');
        this.stringIsKey = true;
        this.state = State.String;
        return;
      case State.Colon:
        if (byte !== 0x3a) return this.fail('expected ":"');
        this.state = State.Value;
        return;
      case State.AfterValue: {
        const top = this.stack[this.stack.length - 1];
        const isArray = Array.isArray(top?.value);
        if (byte === 0x2c && top) this.state = isArray ? State.Value : State.Key;
        else if (byte === 0x5d && top && isArray) this.close(true);
        else if (byte === 0x7d && top && !isArray) this.close(false);
        else this.fail('expected "," or a closing bracket');
        return;
      }
      default:
        this.fail('unexpected data after the end of the document');
    }
  }

  private startValue(byte: number): void {
    if (byte === 0x7b || byte === 0x5b) {
      const isArray = byte === 0x5b;
      this.stack.push({ value: isArray ? [] : {}, key: '' });
      this.state = isArray ? State.ValueOrArrayEnd : State.KeyOrObjectEnd;
    } else if (byte === 0x22) {
      this.stringIsKey = false;
      this.state = State.String;
    } else if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
      this.token = String.fromCharCode(byte);
      this.state = State.Number;
    } else if (byte >= 0x61 && byte <= 0x7a) {
      this.token = String.fromCharCode(byte);
      this.state = State.Literal;
    } else {
      this.fail(`unexpected character ${JSON.stringify(String.fromCharCode(byte))}`);
    }
  }

  private close(isArray: boolean): void {
    const container = this.stack.pop()!;
    if (Array.isArray(container.value) !== isArray) this.fail('mismatched bracket');
    this.addValue(container.value);
  }

  private addValue(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      this.state = State.Done;
    } else if (Array.isArray(top.value)) {
      top.value.push(value);
      this.state = State.AfterValue;
    } else {
      // defineProperty, as JSON.parse does: a "__proto__" key must be data, not a prototype change.
      if (top.key === '__proto__') {
        Object.defineProperty(top.value, top.key, { value, writable: true, enumerable: true, configurable: true });
      } else top.value[top.key] = value;
      this.state = State.AfterValue;
    }
  }

  // Scans string bytes up to a quote, backslash or the chunk's end; returns the next index.
  private readString(chunk: Buffer, start: number): number {
    let index = start;
    while (index < chunk.length) {
      const byte = chunk[index]!;
      if (byte === 0x22 || byte === 0x5c) break;
      if (byte < 0x20) {
        this.offset += index - start;
        this.fail('control character in a string');
      }
      index++;
    }
    if (index > start) this.pending.push(chunk.subarray(start, index));
    this.offset += index - start;
    if (index === chunk.length) {
      // The chunk is reused by the caller's stream: keep a copy of the unfinished string's bytes.
      const last = this.pending.pop();
      if (last) this.pending.push(Buffer.from(last));
      return index;
    }
    this.flushString();
    this.offset++;
    if (chunk[index] === 0x5c) {
      this.state = State.Escape;
      return index + 1;
    }
    const value = this.text;
    this.text = '';
    if (this.stringIsKey) {
      this.stack[this.stack.length - 1]!.key = value;
      this.state = State.Colon;
    } else this.addValue(value);
    return index + 1;
  }

  private flushString(): void {
    if (this.pending.length === 1) this.text += this.pending[0]!.toString('utf8');
    else if (this.pending.length > 1) this.text += Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
  }

  private readEscape(byte: number): void {
    if (byte === 0x75) {
      this.token = '';
      this.state = State.Unicode;
      return;
    }
    const escaped = escapes[byte];
    if (escaped === undefined) this.fail('bad escape in a string');
    this.text += escaped;
    this.state = State.String;
  }

  private finishToken(): void {
    const token = this.token;
    this.token = '';
    if (this.state === State.Number) {
      if (!numberPattern.test(token)) this.fail(`bad number ${JSON.stringify(token)}`);
      this.addValue(Number(token));
    } else {
      if (!Object.hasOwn(literals, token)) this.fail(`unexpected word ${JSON.stringify(token.slice(0, 20))}`);
      this.addValue(literals[token]);
    }
  }

  private fail(reason: string): never {
    throw new SyntaxError(`${reason} at line ${this.line}, column ${this.offset - this.lineStart + 1}`);
  }
}

function isTokenByte(byte: number, state: State): boolean {
  if (state === State.Literal) return byte >= 0x61 && byte <= 0x7a;
  return (
    (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2d || byte === 0x2b || byte === 0x65 || byte === 0x45
  );
}
