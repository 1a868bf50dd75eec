// Splits a typed command line into argv the way a POSIX shell would quote it, without a shell:
// no variables, globs, pipes or redirections are interpreted, only quotes and backslashes.

/** The argv of a command line, or a sentence saying why it cannot be split. */
export type SplitResult = { ok: true; argv: string[] } | { ok: false; message: string };

/**
 * Splits on unquoted whitespace. 'single quotes' keep everything literally; "double quotes" keep
 * everything but let a backslash escape " \ $ and `; outside quotes a backslash escapes any
 * character and a backslash-newline joins lines.
 */
export function splitCommandLine(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  // A word exists once anything was typed for it, so '' yields an empty argument.
  let inWord = false;
  let index = 0;
  while (index < line.length) {
    const character = line[index]!;
    if (character === "'") {
      const close = line.indexOf("'", index + 1);
      if (close < 0)
        return { ok: false, message: "A single quote is not closed. Add the closing ' or remove the opening one." };
      word += line.slice(index + 1, close);
      inWord = true;
      index = close + 1;
    } else if (character === '"') {
      index++;
      let closed = false;
      while (index < line.length) {
        const inner = line[index]!;
        if (inner === '"') {
          closed = true;
          index++;
          break;
        }
        if (inner === '\\' && index + 1 < line.length && '"\\$`\n'.includes(line[index + 1]!)) {
          if (line[index + 1] !== '\n') word += line[index + 1];
          index += 2;
        } else {
          word += inner;
          index++;
        }
      }
      if (!closed)
        return { ok: false, message: 'A double quote is not closed. Add the closing " or remove the opening one.' };
      inWord = true;
    } else if (character === '\\') {
      if (index + 1 >= line.length)
        return { ok: false, message: 'The command line ends with a lone backslash. Remove it or escape it as \\\\.' };
      if (line[index + 1] !== '\n') {
        word += line[index + 1];
        inWord = true;
      }
      index += 2;
    } else if (/\s/.test(character)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
      index++;
    } else {
      word += character;
      inWord = true;
      index++;
    }
  }
  if (inWord) argv.push(word);
  if (argv.length === 0)
    return { ok: false, message: 'Type a command to launch, for example: node server.js --port 8080' };
  return { ok: true, argv };
}
