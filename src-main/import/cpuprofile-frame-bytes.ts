// A call frame read from its bytes, as the .cpuprofile scanner meets a new function: V8 writes
// `{"functionName":"…","scriptId":"…","url":"…","lineNumber":12,"columnNumber":3}`, and reading
// those five fields straight from the bytes costs a third of making a string of the frame and
// parsing it (35,000 functions in a large profile). Anything else — another key, a key twice, an
// escape, a value of another type — is left to JSON.parse, so the result is always what it gives.

import type { CdpCallFrame } from './cpuprofile';
import { GiveUp, closeBrace, keyBytes, openBrace, type JsonBytes } from './json-bytes';

const quote = 0x22;

const keys = {
  functionName: keyBytes('functionName'),
  scriptId: keyBytes('scriptId'),
  url: keyBytes('url'),
  lineNumber: keyBytes('lineNumber'),
  columnNumber: keyBytes('columnNumber'),
};

/** The call frame in bytes[start, end), or null when those bytes are not one JSON object. */
export function callFrameAt(json: JsonBytes, start: number, end: number): Partial<CdpCallFrame> | null {
  const plain = plainCallFrame(json, start, end);
  if (plain) return plain;
  try {
    const value = JSON.parse(json.bytes.toString('utf8', start, end)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// The frame when it has only the five fields, each at most once, strings without escapes and
// numbers; null otherwise. Moves `json`.
function plainCallFrame(json: JsonBytes, start: number, end: number): Partial<CdpCallFrame> | null {
  const frame: Partial<CdpCallFrame> = {};
  json.position = start;
  try {
    json.expect(openBrace);
    if (json.accept(closeBrace)) return json.position === end ? frame : null;
    do {
      const key = json.key();
      if (json.stringIs(key, keys.lineNumber) || json.stringIs(key, keys.columnNumber)) {
        const name = json.stringIs(key, keys.lineNumber) ? 'lineNumber' : 'columnNumber';
        if (frame[name] !== undefined || json.peek() === quote) return null;
        frame[name] = json.number();
        continue;
      }
      const name = json.stringIs(key, keys.functionName)
        ? 'functionName'
        : json.stringIs(key, keys.scriptId)
          ? 'scriptId'
          : json.stringIs(key, keys.url)
            ? 'url'
            : null;
      if (name === null || frame[name] !== undefined || json.peek() !== quote) return null;
      const valueStart = json.rawString();
      frame[name] = json.bytes.toString('utf8', valueStart, json.stringEnd);
    } while (json.more(closeBrace));
    return json.position === end ? frame : null;
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
}
