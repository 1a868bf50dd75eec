// Parsing of the session commands (rename, tag, baseline, output), record --quiet and the
// hotspots/export --from/--to range: what each accepts and the sentence each mistake gets.

import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../../src-main/cli/arguments';

describe('session commands', () => {
  it('parses rename, tag, baseline and output with their options', () => {
    expect(parseCommandLine(['rename', '12', '  before the cache '])).toMatchObject({
      name: 'rename',
      sessionId: 12,
      newName: 'before the cache',
    });
    expect(parseCommandLine(['tag', '12', 'main', 'nightly', '--remove', '--json'])).toMatchObject({
      name: 'tag',
      sessionId: 12,
      tags: ['main', 'nightly'],
      remove: true,
      json: true,
    });
    expect(parseCommandLine(['tag', '3', 'pr'])).toMatchObject({ remove: false });
    expect(parseCommandLine(['baseline', '7'])).toMatchObject({ name: 'baseline', sessionId: 7, clear: false });
    expect(parseCommandLine(['baseline', '7', '--clear'])).toMatchObject({ clear: true });
    expect(parseCommandLine(['output', '4', '-f', '--db', '/tmp/x.db'])).toMatchObject({
      name: 'output',
      sessionId: 4,
      follow: true,
      database: '/tmp/x.db',
    });
  });

  it.each([
    [['rename', '12'], /rename needs a SESSION id and a NAME/],
    [['rename', '12', 'a', 'b'], /rename needs a SESSION id and a NAME, e\.g\. `thermograph rename 12/],
    [['rename', '12', '   '], /NAME of 1 to 200 characters/],
    [['rename', 'x', 'name'], /SESSION must be a whole number/],
    [['tag', '12'], /tag needs a SESSION id and at least one TAG/],
    [['tag', '12', 'a,b'], /TAG must be a word without commas/],
    [['baseline'], /baseline needs exactly one SESSION id/],
    [['baseline', '1', '2'], /baseline needs exactly one SESSION id/],
    [['baseline', '1', '--remove'], /Unknown option '--remove'/],
    [['output'], /output needs exactly one SESSION id/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe('record --quiet', () => {
  it('shows the launched command output unless --quiet or -q', () => {
    expect(parseCommandLine(['record', '--', 'true'])).toMatchObject({ quiet: false });
    expect(parseCommandLine(['record', '--quiet', '--', 'true'])).toMatchObject({ quiet: true });
    expect(parseCommandLine(['record', '-q', '--', 'node', '-q'])).toMatchObject({
      quiet: true,
      target: { kind: 'command', argv: ['node', '-q'] },
    });
  });
});

describe('--from and --to', () => {
  it('takes seconds from the session start on hotspots and export; either may be left out', () => {
    expect(parseCommandLine(['hotspots', '3'])).toMatchObject({ range: null });
    expect(parseCommandLine(['hotspots', '3', '--from', '1.5', '--to', '4'])).toMatchObject({
      range: { from: 1.5, to: 4 },
    });
    expect(parseCommandLine(['hotspots', '3', '--to', '2'])).toMatchObject({ range: { from: 0, to: 2 } });
    expect(parseCommandLine(['export', '3', '--format', 'folded', '--out', 'x.txt', '--from', '2'])).toMatchObject({
      range: { from: 2, to: null },
    });
  });

  it.each([
    [['hotspots', '3', '--from', '-1'], /--from must be a number of seconds from the session's start/],
    [['hotspots', '3', '--to', 'soon'], /--to must be a number of seconds/],
    [['hotspots', '3', '--from', '5', '--to', '5'], /--to \(5 s\) must be after --from \(5 s\)/],
    [['export', '3', '--format', 'folded', '--out', 'x', '--from', '4', '--to', '1'], /must be after --from/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
