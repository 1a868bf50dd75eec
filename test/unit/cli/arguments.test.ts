import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../../src-main/cli/arguments';

describe('parseCommandLine', () => {
  it('parses a command to launch after --, keeping its own flags', () => {
    expect(
      parseCommandLine(['record', '--interval', '250', '--children', '--', 'node', 'app.js', '--json', '-h']),
    ).toMatchObject({
      name: 'record',
      target: { kind: 'command', argv: ['node', 'app.js', '--json', '-h'] },
      intervalMs: 250,
      includeChildren: true,
      json: false,
      durationSeconds: null,
    });
  });

  it('parses a PID target with duration, name, json and db', () => {
    expect(
      parseCommandLine(['record', '--pid', '42', '--duration', '2.5', '--name', 'api', '--json', '--db', '/tmp/x.db']),
    ).toMatchObject({
      target: { kind: 'pid', pid: 42 },
      durationSeconds: 2.5,
      sessionName: 'api',
      json: true,
      database: '/tmp/x.db',
    });
  });

  it.each([
    [['record'], /needs a target/],
    [['record', '--pid', '1', '--', 'ls'], /not both/],
    [['record', '--pid', 'abc'], /--pid must be a whole number/],
    [['record', '--pid', '1', '--interval', '50'], /--interval must be a whole number from 100 to 10000/],
    [['record', '--pid', '1', '--duration', '0'], /--duration must be/],
    // A negative value is the option's value, named by the option's own check, not "ambiguous".
    [['record', '--duration', '-1', '--', 'true'], /--duration must be/],
    [['record', '--pid', '-5'], /--pid must be/],
    [['record', '--pid', '1', '--bogus'], /Unknown option '--bogus'/],
    [['show'], /exactly one SESSION/],
    [['show', 'x'], /SESSION must be a whole number/],
    [['serve', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it('leaves a negative number after -- to the launched command', () => {
    const command = parseCommandLine(['record', '--', 'sleep', '--duration', '-1']);
    expect(command).toMatchObject({ target: { kind: 'command', argv: ['sleep', '--duration', '-1'] } });
  });

  it('asks for help rather than failing when --help is among the options', () => {
    expect(parseCommandLine(['record', '--help'])).toEqual({ name: 'help', topic: 'record' });
    expect(parseCommandLine([])).toEqual({ name: 'help', topic: undefined });
  });
});
