import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../../src-renderer/views/new-recording/command-line';
import { joinCommandLine } from '../../../src-shared/format/command-line';

function argvOf(line: string): string[] {
  const result = splitCommandLine(line);
  if (!result.ok) throw new Error(result.message);
  return result.argv;
}

describe('splitCommandLine', () => {
  it('splits on runs of whitespace', () => {
    expect(argvOf('  node   server.js\t--port 8080 ')).toEqual(['node', 'server.js', '--port', '8080']);
  });

  it('keeps single-quoted text literally, backslashes included', () => {
    expect(argvOf(`echo 'a b' 'c\\d' '$HOME'`)).toEqual(['echo', 'a b', 'c\\d', '$HOME']);
  });

  it('lets a backslash escape only " \\ $ and ` inside double quotes', () => {
    expect(argvOf(`printf "say \\"hi\\" \\\\ \\$x \\n"`)).toEqual(['printf', 'say "hi" \\ $x \\n']);
  });

  it('escapes any character with a backslash outside quotes', () => {
    expect(argvOf('ls my\\ folder \\*')).toEqual(['ls', 'my folder', '*']);
  });

  it('joins adjacent quoted and unquoted parts into one argument', () => {
    expect(argvOf(`--name="a b"'c'd`)).toEqual(['--name=a bcd']);
  });

  it('keeps empty quoted arguments', () => {
    expect(argvOf(`cmd '' ""`)).toEqual(['cmd', '', '']);
  });

  it('treats shell operators as plain text because no shell runs', () => {
    expect(argvOf('echo a | grep b > out; $HOME')).toEqual(['echo', 'a', '|', 'grep', 'b', '>', 'out;', '$HOME']);
  });

  it('joins lines ended by a backslash', () => {
    expect(argvOf('node \\\nserver.js')).toEqual(['node', 'server.js']);
  });

  it('reports unclosed quotes, a trailing backslash and an empty line with what to do', () => {
    const single = splitCommandLine(`echo 'oops`);
    const double = splitCommandLine('echo "oops');
    const backslash = splitCommandLine('echo \\');
    const empty = splitCommandLine('   ');
    expect(single.ok || single.message).toMatch(/single quote is not closed/);
    expect(double.ok || double.message).toMatch(/double quote is not closed/);
    expect(backslash.ok || backslash.message).toMatch(/lone backslash/);
    expect(empty.ok || empty.message).toMatch(/Type a command/);
  });

  it('round-trips through joinCommandLine', () => {
    const argv = ['node', 'a b.js', "it's", '', '--x=$y', 'plain-1.0'];
    expect(argvOf(joinCommandLine(argv))).toEqual(argv);
  });
});
