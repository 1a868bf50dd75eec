// The byte-level JSON cursor under the .cpuprofile fast path: it must read exactly the grammar of
// RFC 8259 (what JSON.parse accepts) for what it passes over, and give up on anything else.

import { describe, expect, it } from 'vitest';
import { GiveUp, JsonBytes } from '../../../src-main/import/json-bytes';

function cursor(text: string): JsonBytes {
  return new JsonBytes(Buffer.from(text));
}

/** True when skipValue passes over the whole text (whitespace aside). */
function skipsWhole(text: string): boolean {
  const json = cursor(text);
  try {
    json.skipValue();
    return json.peek() === -1;
  } catch (error) {
    if (error instanceof GiveUp) return false;
    throw error;
  }
}

function acceptedByJsonParse(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('JsonBytes', () => {
  it('reads numbers as JSON.parse does', () => {
    for (const text of [
      '0',
      '-0',
      '7',
      '-42',
      '123456789012345',
      '1234567890123456789',
      '1.5',
      '-2.25e3',
      '1E-2',
      '1e309',
    ]) {
      expect(Object.is(cursor(text).number(), JSON.parse(text)), text).toBe(true);
    }
  });

  it('gives up on numbers JSON does not allow', () => {
    for (const text of ['01', '-', '+1', '.5', '1.', '1e', '1e+', 'NaN', 'Infinity', '-x']) {
      expect(() => cursor(text).number(), text).toThrow(GiveUp);
    }
  });

  it('skips exactly the values JSON.parse accepts', () => {
    const texts = [
      '{"a":[1,2,{"b":"}]\\"\\\\"}],"c":null,"d":true,"e":false}',
      '[]',
      '{}',
      '[[],[{}]]',
      '"\\u00e9\\n"',
      '"\\u00zz"',
      '"\\x"',
      '"tab\there"',
      '[1,]',
      '{"a" 1}',
      '{"a":1,}',
      '[tru]',
      'nul',
      '[1 2]',
      '{"a":1]',
      '[1}',
    ];
    for (const text of texts) expect(skipsWhole(text), text).toBe(acceptedByJsonParse(text));
  });

  it('skips 100,000 levels of nesting without recursion', () => {
    const depth = 100_000;
    expect(skipsWhole(`${'['.repeat(depth)}${']'.repeat(depth)}`)).toBe(true);
    expect(skipsWhole(`${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`)).toBe(true);
  });

  it('reads plain keys and gives up on keys with escapes', () => {
    const json = cursor('{"nodes" : 1}');
    json.expect(0x7b);
    const start = json.key();
    expect(json.stringIs(start, Buffer.from('nodes'))).toBe(true);
    expect(json.stringIs(start, Buffer.from('node'))).toBe(false);
    expect(json.number()).toBe(1);
    const escaped = cursor('{"no\\u0064es":1}');
    escaped.expect(0x7b);
    expect(() => escaped.key()).toThrow(GiveUp);
  });
});

describe('JsonBytes.numberList', () => {
  /** The numbers of a list as numberList reads them, or "gives up". */
  function numbers(text: string): number[] | 'gives up' {
    const values: number[] = [];
    try {
      cursor(text).numberList(values);
      return values;
    } catch (error) {
      if (error instanceof GiveUp) return 'gives up';
      throw error;
    }
  }

  it('reads what JSON.parse reads, compact or not, and gives up on what it rejects', () => {
    for (const text of ['[]', '[0]', '[1,22,-3]', '[ 1 , 2.5e3,-0.25 ]', '[123456789012345678]', '[7,\n8]']) {
      expect(numbers(text), text).toEqual(JSON.parse(text));
    }
    for (const text of ['[01]', '[1,]', '[1 2]', '[-]', '[1', '["1"]', '[1.]']) {
      expect(numbers(text), text).toBe('gives up');
    }
  });
});
