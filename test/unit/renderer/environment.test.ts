import { describe, expect, it } from 'vitest';
import { parseEnvironment } from '../../../src-renderer/views/new-recording/environment';

describe('parseEnvironment', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments', () => {
    const result = parseEnvironment('NODE_ENV=production\n\n# a comment\n  DEBUG=app:*\r\nEMPTY=\n');
    expect(result).toEqual({ ok: true, env: { NODE_ENV: 'production', DEBUG: 'app:*', EMPTY: '' } });
  });

  it('keeps "=" and spaces inside values', () => {
    expect(parseEnvironment('OPTS=--a=1 --b=2 ')).toEqual({ ok: true, env: { OPTS: '--a=1 --b=2 ' } });
  });

  it('reports every bad line with its number and the fix', () => {
    const result = parseEnvironment('GOOD=1\nno equals here\n1BAD=x\nGOOD=2\nWITH-DASH=y');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    expect(result.problems[0]!.message).toMatch(/has no "="\. Write it as NAME=value/);
    expect(result.problems[1]!.message).toMatch(/"1BAD" is not a valid variable name/);
    expect(result.problems[2]!.message).toMatch(/GOOD is already set on line 1/);
  });

  it('accepts an empty box as no variables', () => {
    expect(parseEnvironment('')).toEqual({ ok: true, env: {} });
  });
});
