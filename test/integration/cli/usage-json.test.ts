// Usage errors (exit code 2) under --json: the same {schemaVersion, error: {code, message}} a failure
// prints, on stdout, so a tool reading JSON is never left with plain text. Through the built bin.

import { describe, expect, it } from 'vitest';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase();

describe('usage errors with --json', () => {
  it.each([
    ['an unknown option', 'show', ['12', '--bogus', '--json'], "Unknown option '--bogus'"],
    ['a missing argument', 'show', ['--json'], 'show needs exactly one SESSION id'],
    ['a bad value', 'hotspots', ['--json', '12', '--top', 'many'], '--top must be a whole number'],
    ['an unknown command', 'frobnicate', ['--json'], 'Unknown command "frobnicate"'],
    ['a bad record option', 'record', ['--json', '--duration', '-1', '--', 'true'], '--duration must be'],
  ])('prints %s as JSON and exits 2', (_, command, args, message) => {
    const result = harness.run(command, args);
    expect(result.code).toBe(2);
    const printed = JSON.parse(result.stdout) as { schemaVersion: number; error: { code: string; message: string } };
    expect(printed).toMatchObject({ schemaVersion: 1, error: { code: 'usage' } });
    expect(printed.error.message).toContain(message);
    // People still read it on stderr.
    expect(result.stderr).toContain(message);
  });

  it('keeps plain text without --json, and when --json belongs to the launched command', () => {
    const plain = harness.run('show', ['12', '--bogus']);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    const launched = harness.run('record', ['--bogus', '--', 'node', 'app.js', '--json']);
    expect(launched.code).toBe(2);
    expect(launched.stdout).toBe('');
  });
});
