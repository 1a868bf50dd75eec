// Parses the launch form's environment box: one KEY=VALUE per line. Only these variables are sent;
// the engine adds them to its own environment, so the user lists what they add or override.

/** One problem in the environment text, with its 1-based line number. */
export interface EnvironmentProblem {
  line: number;
  message: string;
}

/** The variables, or every problem found (all at once, so the user fixes them in one pass). */
export type EnvironmentResult =
  { ok: true; env: Record<string, string> } | { ok: false; problems: EnvironmentProblem[] };

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses KEY=VALUE lines; blank lines and lines starting with # are skipped; a value may be empty or contain "=". */
export function parseEnvironment(text: string): EnvironmentResult {
  const env: Record<string, string> = {};
  const seenOnLine = new Map<string, number>();
  const problems: EnvironmentProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const equals = content.indexOf('=');
    if (equals < 0) {
      problems.push({ line, message: `Line ${line}: "${content.slice(0, 40)}" has no "=". Write it as NAME=value.` });
      return;
    }
    const name = content.slice(0, equals).trim();
    if (!namePattern.test(name)) {
      problems.push({
        line,
        message: `Line ${line}: "${name.slice(0, 40)}" is not a valid variable name. Use letters, digits and _, not starting with a digit.`,
      });
      return;
    }
    const earlier = seenOnLine.get(name);
    if (earlier !== undefined) {
      problems.push({ line, message: `Line ${line}: ${name} is already set on line ${earlier}. Keep one of them.` });
      return;
    }
    seenOnLine.set(name, line);
    // The value is kept exactly as typed after "=": spaces may be meant, as in a shell assignment.
    env[name] = raw.slice(raw.indexOf('=') + 1);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, env };
}
