// `apply` and `presets` on the command line: their options, and the action forms `presets --remove` reads.

import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../../src-main/cli/arguments';
import { parseActionPattern } from '../../../src-main/cli/presets';

describe('apply', () => {
  it('defaults to 5 runs a side growing up to 12, and takes more runs as the most too', () => {
    expect(parseCommandLine(['apply', '12', 'node-old-space'])).toMatchObject({
      name: 'apply',
      sessionId: 12,
      recommendation: 'node-old-space',
      runs: 5,
      maximumRuns: 12,
      metric: null,
      windowMs: null,
    });
    expect(parseCommandLine(['apply', '12', 'x', '--runs', '20'])).toMatchObject({ runs: 20, maximumRuns: 20 });
    expect(
      parseCommandLine(['apply', '3', 'x', '--runs', '6', '--max-runs', '9', '--metric', 'ms=took (\\d+)', '--json']),
    ).toMatchObject({ runs: 6, maximumRuns: 9, metric: 'ms=took (\\d+)', json: true });
    expect(parseCommandLine(['apply', '3', 'x', '--window', '500'])).toMatchObject({ windowMs: 500 });
  });

  it.each([
    [['apply', '12'], /needs a SESSION id and a RECOMMENDATION/],
    [['apply', 'x', 'node-old-space'], /SESSION must be a whole number/],
    [['apply', '1', 'r', '--runs', '3'], /--runs must be a whole number from 4 to 40/],
    [['apply', '1', 'r', '--max-runs', '41'], /--max-runs must be a whole number from 4 to 40/],
    [['apply', '1', 'r', '--runs', '8', '--max-runs', '6'], /--max-runs \(6\) must be at least --runs \(8\)/],
    [['apply', '1', 'r', '--metric', 'no-pattern'], /--metric takes NAME=REGEX/],
    [['apply', '1', 'r', '--window', '100'], /--window must be a whole number from 250 to 60000/],
    [['presets', '1', '2'], /at most one SESSION/],
    [['presets', '--remove', 'two words'], /--remove takes .*; not "two words"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe('presets --remove', () => {
  it('takes a Node.js option as its value even though it starts with dashes', () => {
    expect(parseCommandLine(['presets', '--remove', '--max-old-space-size', '4'])).toMatchObject({
      name: 'presets',
      sessionId: 4,
      remove: { key: 'node-option:--max-old-space-size', action: null },
    });
  });

  it.each([
    [
      'UV_THREADPOOL_SIZE=16',
      'env:UV_THREADPOOL_SIZE',
      { kind: 'environment', name: 'UV_THREADPOOL_SIZE', value: '16' },
    ],
    ['UV_THREADPOOL_SIZE', 'env:UV_THREADPOOL_SIZE', null],
    [
      'NODE_OPTIONS += --max-old-space-size=512',
      'node-option:--max-old-space-size',
      { kind: 'node-option', option: '--max-old-space-size=512' },
    ],
    [
      '--max-old-space-size=512',
      'node-option:--max-old-space-size',
      { kind: 'node-option', option: '--max-old-space-size=512' },
    ],
    ['--max-old-space-size', 'node-option:--max-old-space-size', null],
    ['nice −5', 'priority', { kind: 'priority', nice: -5 }],
    ['nice -5', 'priority', { kind: 'priority', nice: -5 }],
    ['nice', 'priority', null],
  ])('reads %j', (text, key, action) => {
    expect(parseActionPattern(text)).toEqual({ key, action, text });
  });

  it.each(['', 'two words', 'NODE_OPTIONS += max', 'nice five', '=16'])('refuses %j', (text) => {
    expect(parseActionPattern(text)).toBeNull();
  });
});
