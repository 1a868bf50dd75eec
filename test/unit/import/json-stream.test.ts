import { describe, expect, it } from 'vitest';
import { JsonStreamParser, readJson } from '../../../src-main/import/json-stream';
import type { ImportInput } from '../../../src-main/import/importer';

// An input whose chunks are cut at the given size, so tokens straddle chunk boundaries.
function chunkedInput(text: string, chunkSize: number): ImportInput {
  const bytes = Buffer.from(text);
  return {
    name: 'test.json',
    size: bytes.length,
    head: bytes.subarray(0, 65536),
    async *chunks() {
      for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize);
    },
  };
}

const documents = [
  '{"a":[1,-2.5e3,0,true,false,null],"b":{"c":"d"},"e":""}',
  '  [ "é", "日本語", "😀", "\\u00e9\\ud83d\\ude00", "tab\\tnew\\nline\\"q\\\\/" ]  ',
  '{"__proto__":{"polluted":1},"constructor":2,"toString":"x"}',
  '{"nodes":[{"id":1,"callFrame":{"functionName":"(root)","url":"","lineNumber":-1}}],"samples":[1,1],"timeDeltas":[0,1000]}',
  '-0',
  '"<script>alert(1)</script>"',
  '[[[[[]]]],{},{"x":[]}]',
];

describe('readJson', () => {
  it('matches JSON.parse for every chunk size when streaming', async () => {
    for (const text of documents) {
      for (const chunkSize of [1, 2, 3, 7, 1000]) {
        const value = await readJson(chunkedInput(text, chunkSize), { streamAbove: 0 });
        expect(value).toEqual(JSON.parse(text));
      }
    }
  });

  it('keeps "__proto__" as data, as JSON.parse does', async () => {
    const value = (await readJson(chunkedInput(documents[2]!, 3), { streamAbove: 0 })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('parses 100,000-deep nesting without recursion', async () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    let value = (await readJson(chunkedInput(text, 4096), { streamAbove: 0 })) as unknown[];
    let depth = 1;
    while (value.length > 0) {
      value = value[0] as unknown[];
      depth++;
    }
    expect(depth).toBe(100_000);
  });

  it('rejects what JSON.parse rejects, naming the file and position', async () => {
    const bad = [
      '{"a":1,}',
      '[1 2]',
      '{"a" 1}',
      '[01]',
      '[tru]',
      '"a\u0001"',
      '[1]]',
      '',
      '{"a":',
      '[1.]',
      '["\\x"]',
      '["\\u12G4"]',
      'nan',
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text)).toThrow();
      for (const streamAbove of [0, 1e9]) {
        await expect(readJson(chunkedInput(text || ' ', 2), { streamAbove })).rejects.toMatchObject({
          code: 'invalid-profile',
          message: expect.stringMatching(/^test\.json is not valid JSON: .*line \d+, column \d+/),
        });
      }
    }
  });

  it('gives a line and column for JSON.parse errors', async () => {
    await expect(readJson(chunkedInput('{\n  "a": 1,\n  "b": ]\n}', 100))).rejects.toMatchObject({
      message: expect.stringMatching(/line 3, column 8/),
    });
  });

  it('streams a document larger than the threshold', async () => {
    const parser = new JsonStreamParser();
    const item = Buffer.from('{"name":"frame","line":12,"children":[1,2,3]},');
    parser.write(Buffer.from('['));
    for (let index = 0; index < 20_000; index++) parser.write(item);
    parser.write(Buffer.from('null]'));
    const value = parser.end() as unknown[];
    expect(value).toHaveLength(20_001);
    expect(value[19_999]).toEqual({ name: 'frame', line: 12, children: [1, 2, 3] });
  });
});
