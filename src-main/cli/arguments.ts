// Command-line parsing. Usage mistakes become UsageError (exit code 2) with a message that says
// what was wrong and how to ask for help; nothing runs before the whole line has been checked.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { intervalLimits } from '../../src-shared/api/limits';
import {
  exportFormats,
  profilerChoices,
  samplingLimits,
  type ExportFormat,
  type ProfilerChoice,
} from '../../src-shared/profile/formats';
import type { ProfileKind } from '../../src-shared/profile/profile';
import { gateNamesProblem, parseGateRule } from '../analysis/compare/gate';
import type { GateRule } from '../../src-shared/compare/report';
import { parseOutputMetric } from '../analysis/compare/output-metrics';
import { runMetricNames } from '../../src-shared/compare/run-metrics';
import { experimentLimits, windowLimits } from '../../src-shared/api/limits';
import { actionForms, parseActionPattern, type ActionPattern } from './presets';
import { parseTransformSpec } from './export-transforms';

/** A mistake in how the command was called. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type { ApplyOptions, Command, CompareOptions, GlobalOptions, RecordOptions, SecondsRange } from './commands';
import type { Command, GlobalOptions, RecordOptions, SecondsRange } from './commands';
import { parseAlertRule } from '../analysis/watch/alert-rule-parser';
import { defaultAlertCooldownMs } from '../../src-shared/model/watch';

const globalOptions = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Parses argv (without node and the script) into a Command, or throws UsageError. */
export function parseCommandLine(argv: string[]): Command {
  const [commandName, ...rest] = argv;
  if (commandName === undefined || commandName === 'help' || commandName === '--help' || commandName === '-h') {
    return { name: 'help', topic: commandName === 'help' ? rest[0] : undefined };
  }
  const ownArguments = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (ownArguments.includes('--help') || ownArguments.includes('-h')) return { name: 'help', topic: commandName };
  if (commandName === '--version' || commandName === '-v' || commandName === 'version') return { name: 'version' };
  switch (commandName) {
    case 'record':
      return parseRecord(rest);
    case 'sessions': {
      const { values } = parse(commandName, rest, {}, false);
      return { name: 'sessions', ...globals(values) };
    }
    case 'show': {
      const { values, positionals } = parse(commandName, rest, {}, true);
      if (positionals.length !== 1)
        throw new UsageError('show needs exactly one SESSION id, e.g. `thermograph show 12`.');
      return { name: 'show', sessionId: positiveInteger(positionals[0]!, 'SESSION'), ...globals(values) };
    }
    case 'delete': {
      const { values, positionals } = parse(commandName, rest, { yes: { type: 'boolean', short: 'y' } }, true);
      if (positionals.length === 0)
        throw new UsageError('delete needs at least one SESSION id, e.g. `thermograph delete 12 --yes`.');
      const sessionIds = [...new Set(positionals.map((id) => positiveInteger(id, 'SESSION')))];
      return { name: 'delete', sessionIds, yes: values.yes === true, ...globals(values) };
    }
    case 'serve': {
      const { values } = parse(commandName, rest, { port: { type: 'string' } }, false);
      const port = values.port === undefined ? undefined : integerInRange(String(values.port), '--port', 0, 65_535);
      return { name: 'serve', port, ...globals(values) };
    }
    case 'hotspots': {
      const { values, positionals } = parse(commandName, rest, { top: { type: 'string' }, ...kind, ...range }, true);
      if (positionals.length !== 1)
        throw new UsageError('hotspots needs exactly one SESSION id, e.g. `thermograph hotspots 12 --top 20`.');
      const top = values.top === undefined ? 20 : integerInRange(String(values.top), '--top', 1, 100_000);
      const sessionId = positiveInteger(positionals[0]!, 'SESSION');
      return {
        name: 'hotspots',
        sessionId,
        top,
        kind: profileKind(values),
        range: secondsRange(values),
        ...globals(values),
      };
    }
    case 'source': {
      const { values, positionals } = parse(commandName, rest, { ...kind, ...range }, true);
      if (positionals.length !== 2)
        throw new UsageError(
          'source needs a SESSION id and a FUNCTION name, e.g. `thermograph source 12 hotFunction`.',
        );
      return {
        name: 'source',
        sessionId: positiveInteger(positionals[0]!, 'SESSION'),
        functionName: positionals[1]!,
        kind: profileKind(values),
        range: secondsRange(values),
        ...globals(values),
      };
    }
    case 'import': {
      const { values, positionals } = parse(commandName, rest, { name: { type: 'string' } }, true);
      if (positionals.length !== 1)
        throw new UsageError('import needs exactly one FILE, e.g. `thermograph import profile.cpuprofile`.');
      const name = values.name === undefined ? undefined : String(values.name).trim() || undefined;
      return { name: 'import', file: positionals[0]!, sessionName: name, ...globals(values) };
    }
    case 'export':
      return parseExport(rest);
    case 'doctor': {
      const { values } = parse(commandName, rest, {}, false);
      return { name: 'doctor', ...globals(values) };
    }
    case 'compare':
      return parseCompare(rest);
    case 'trends':
      return parseTrends(rest);
    case 'rename':
    case 'tag':
    case 'baseline':
    case 'output':
      return parseSessionCommand(commandName, rest);
    case 'report': {
      const { values, positionals } = parse(
        commandName,
        rest,
        { compare: { type: 'string' }, out: { type: 'string', short: 'o' }, trend: { type: 'string' } },
        true,
      );
      if (positionals.length !== 1 || values.out === undefined)
        throw new UsageError(
          'report needs one SESSION (an id, a series or session name, or a tag) and --out FILE.html, e.g. `thermograph report 12 --out report.html`.',
        );
      const compareWith = values.compare === undefined ? null : String(values.compare);
      const trendMetric = values.trend === undefined ? null : String(values.trend);
      if (trendMetric !== null && !(runMetricNames as readonly string[]).includes(trendMetric))
        throw new UsageError(`--trend takes a run metric (${runMetricNames.join(', ')}), not "${trendMetric}".`);
      return {
        name: 'report',
        session: positionals[0]!,
        compareWith,
        out: String(values.out),
        trendMetric,
        ...globals(values),
      };
    }
    case 'diagnose':
    case 'recommend': {
      const { values, positionals } = parse(commandName, rest, {}, true);
      if (positionals.length !== 1)
        throw new UsageError(`${commandName} needs exactly one SESSION id, e.g. \`thermograph ${commandName} 12\`.`);
      return { name: commandName, sessionId: positiveInteger(positionals[0]!, 'SESSION'), ...globals(values) };
    }
    case 'apply':
      return parseApply(rest);
    case 'presets': {
      const args = valueJoined(rest, '--remove');
      const { values, positionals } = parse(commandName, args, { remove: { type: 'string' } }, true);
      if (positionals.length > 1)
        throw new UsageError('presets takes at most one SESSION id, e.g. `thermograph presets 12`.');
      const sessionId = positionals[0] === undefined ? null : positiveInteger(positionals[0], 'SESSION');
      let remove: ActionPattern | null = null;
      if (values.remove !== undefined) {
        remove = parseActionPattern(String(values.remove));
        if (remove === null) throw new UsageError(`--remove takes ${actionForms}; not "${String(values.remove)}".`);
      }
      return { name: 'presets', sessionId, remove, ...globals(values) };
    }
    default:
      throw new UsageError(
        `Unknown command "${commandName}". Commands: record, sessions, show, output, rename, tag, baseline, diagnose, recommend, apply, presets, compare, report, trends, delete, hotspots, source, import, export, doctor, serve.`,
      );
  }
}

const kind = { kind: { type: 'string' } } as const satisfies ParseArgsConfig['options'];
const range = { from: { type: 'string' }, to: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

/** --from/--to as seconds from the session's start; null when neither was given. */
function secondsRange(values: OptionValues): SecondsRange | null {
  if (values.from === undefined && values.to === undefined) return null;
  const seconds = (option: 'from' | 'to'): number | null => {
    if (values[option] === undefined) return null;
    const text = String(values[option]);
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0)
      throw new UsageError(
        `--${option} must be a number of seconds from the session's start (0 or more, e.g. 2.5), not "${text}".`,
      );
    return value;
  };
  const from = seconds('from') ?? 0;
  const to = seconds('to');
  if (to !== null && to <= from)
    throw new UsageError(
      `--to (${to} s) must be after --from (${from} s): the range is seconds from the session's start.`,
    );
  return { from, to };
}

/** `rename SESSION NAME`, `tag SESSION TAG... [--remove]`, `baseline SESSION [--clear]`, `output SESSION [--follow]`. */
function parseSessionCommand(name: 'rename' | 'tag' | 'baseline' | 'output', argv: string[]): Command {
  const options = {
    rename: {},
    tag: { remove: { type: 'boolean' } },
    baseline: { clear: { type: 'boolean' } },
    output: { follow: { type: 'boolean', short: 'f' } },
  } as const satisfies Record<string, ParseArgsConfig['options']>;
  const { values, positionals } = parse(name, argv, options[name], true);
  const example = {
    rename: 'rename 12 "before the cache"',
    tag: 'tag 12 main nightly',
    baseline: 'baseline 12',
    output: 'output 12 --follow',
  }[name];
  const wanted = {
    rename: 'a SESSION id and a NAME',
    tag: 'a SESSION id and at least one TAG',
    baseline: 'exactly one SESSION id',
    output: 'exactly one SESSION id',
  }[name];
  const count = positionals.length;
  const fits = name === 'rename' ? count === 2 : name === 'tag' ? count >= 2 : count === 1;
  if (!fits) throw new UsageError(`${name} needs ${wanted}, e.g. \`thermograph ${example}\`.`);
  const sessionId = positiveInteger(positionals[0]!, 'SESSION');
  switch (name) {
    case 'rename': {
      const newName = positionals[1]!.trim();
      if (newName === '' || newName.length > 200)
        throw new UsageError(`rename needs a NAME of 1 to 200 characters, not "${positionals[1]}".`);
      return { name, sessionId, newName, ...globals(values) };
    }
    case 'tag':
      return {
        name,
        sessionId,
        tags: positionals.slice(1).map((tag) => tagWord(tag, 'TAG')),
        remove: values.remove === true,
        ...globals(values),
      };
    case 'baseline':
      return { name, sessionId, clear: values.clear === true, ...globals(values) };
    case 'output':
      return { name, sessionId, follow: values.follow === true, ...globals(values) };
  }
}

/** A tag as the store keeps it: one word-like piece without commas or line breaks. */
function tagWord(tag: string, what = '--tag'): string {
  const trimmed = tag.trim();
  if (trimmed === '' || /[,\n\r\t]/.test(trimmed))
    throw new UsageError(`${what} must be a word without commas or line breaks, not "${tag}".`);
  return trimmed;
}

function parseApply(argv: string[]): Command {
  const { values, positionals } = parse(
    'apply',
    argv,
    {
      runs: { type: 'string' },
      'max-runs': { type: 'string' },
      metric: { type: 'string' },
      window: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 2)
    throw new UsageError(
      'apply needs a SESSION id and a RECOMMENDATION id (as `thermograph recommend SESSION` lists them), e.g. `thermograph apply 12 node-old-space`.',
    );
  const { minimumRuns, maximumRuns: mostRuns, defaultRuns, defaultMaximumRuns } = experimentLimits;
  const runs =
    values.runs === undefined ? defaultRuns : integerInRange(String(values.runs), '--runs', minimumRuns, mostRuns);
  const maximumRuns =
    values['max-runs'] === undefined
      ? Math.max(runs, defaultMaximumRuns)
      : integerInRange(String(values['max-runs']), '--max-runs', minimumRuns, mostRuns);
  if (maximumRuns < runs)
    throw new UsageError(
      `--max-runs (${maximumRuns}) must be at least --runs (${runs}): it is the most runs a side the experiment may grow to.`,
    );
  let metric: string | null = null;
  if (values.metric !== undefined) {
    const parsed = parseOutputMetric(String(values.metric));
    if (!parsed.ok) throw new UsageError(parsed.message);
    metric = String(values.metric);
  }
  const windowMs =
    values.window === undefined
      ? null
      : integerInRange(String(values.window), '--window', windowLimits.minimumMs, windowLimits.maximumMs);
  return {
    name: 'apply',
    sessionId: positiveInteger(positionals[0]!, 'SESSION'),
    recommendation: positionals[1]!,
    runs,
    maximumRuns,
    metric,
    windowMs,
    ...globals(values),
  };
}

function parseCompare(argv: string[]): Command {
  const { values, positionals } = parse(
    'compare',
    argv,
    {
      'fail-on': { type: 'string', multiple: true },
      metric: { type: 'string', multiple: true },
      alpha: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 2)
    throw new UsageError(
      'compare needs a BASELINE and a CANDIDATE (each a session id, a name, a tag or "baseline"), e.g. `thermograph compare main pr --fail-on wall:+5%`.',
    );
  const alphaText = values.alpha === undefined ? '0.05' : String(values.alpha);
  const alpha = Number(alphaText);
  if (!(alpha > 0 && alpha <= 0.5))
    throw new UsageError(`--alpha must be a number above 0 and at most 0.5, not "${alphaText}".`);
  const format = values.format === undefined ? 'text' : String(values.format);
  if (format !== 'text' && format !== 'markdown' && format !== 'json')
    throw new UsageError(`--format must be text, markdown or json, not "${format}".`);
  const rules: GateRule[] = [];
  const failOn = ((values['fail-on'] as unknown as string[] | undefined) ?? []).map((option) => {
    const parsed = parseGateRule(option);
    if (!parsed.ok) throw new UsageError(parsed.message);
    rules.push(parsed.rule);
    return option;
  });
  const printedNames: string[] = [];
  const metrics = ((values.metric as unknown as string[] | undefined) ?? []).map((option) => {
    const parsed = parseOutputMetric(option);
    if (!parsed.ok) throw new UsageError(parsed.message);
    printedNames.push(parsed.spec.name);
    return option;
  });
  const namesProblem = gateNamesProblem(rules, printedNames);
  if (namesProblem) throw new UsageError(namesProblem);
  return {
    name: 'compare',
    baseline: positionals[0]!,
    candidate: positionals[1]!,
    alpha,
    failOn,
    metrics,
    format,
    ...globals(values),
  };
}

/** `trends [TARGET] [--metric METRIC|NAME=REGEX]`. */
function parseTrends(argv: string[]): Command {
  const { values, positionals } = parse('trends', argv, { metric: { type: 'string' } }, true);
  if (positionals.length > 1)
    throw new UsageError(
      'trends takes at most one TARGET (a session id, a session name or a command line, quoted as one word), e.g. `thermograph trends 12`.',
    );
  const option = values.metric === undefined ? 'wall' : String(values.metric);
  let metric = option;
  let pattern: string | null = null;
  if (option.includes('=')) {
    const parsed = parseOutputMetric(option);
    if (!parsed.ok) throw new UsageError(parsed.message);
    metric = `output:${parsed.spec.name}`;
    pattern = option.slice(option.indexOf('=') + 1);
  } else if (!(runMetricNames as readonly string[]).includes(option)) {
    throw new UsageError(
      `--metric takes a run metric (${runMetricNames.join(', ')}) or NAME=REGEX for a number the sessions printed; not "${option}".`,
    );
  }
  return { name: 'trends', target: positionals[0] ?? null, metric, pattern, ...globals(values) };
}

function profileKind(values: OptionValues): ProfileKind {
  if (values.kind === undefined || values.kind === 'cpu') return 'cpu';
  if (values.kind === 'allocation') return 'allocation';
  throw new UsageError(`--kind must be cpu or allocation, not "${String(values.kind)}".`);
}

function parseExport(argv: string[]): Command {
  const { values, positionals } = parse(
    'export',
    argv,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      transform: { type: 'string', multiple: true },
      ...kind,
      ...range,
    },
    true,
  );
  if (positionals.length !== 1) {
    throw new UsageError(
      'export needs exactly one SESSION id, e.g. `thermograph export 12 --format speedscope --out p.json`.',
    );
  }
  const format = String(values.format ?? '');
  if (!(exportFormats as readonly string[]).includes(format)) {
    throw new UsageError(
      `export needs --format ${exportFormats.join('|')}${values.format ? `, not "${format}"` : ''}.`,
    );
  }
  if (typeof values.out !== 'string' || values.out.trim() === '') throw new UsageError('export needs --out FILE.');
  const transforms = ((values.transform ?? []) as string[]).map((text) => {
    const spec = parseTransformSpec(text);
    if (typeof spec === 'string') throw new UsageError(spec);
    return spec;
  });
  return {
    name: 'export',
    transforms,
    sessionId: positiveInteger(positionals[0]!, 'SESSION'),
    format: format as ExportFormat,
    out: values.out,
    kind: profileKind(values),
    range: secondsRange(values),
    ...globals(values),
  };
}

function parseRecord(argv: string[]): Command {
  const terminator = argv.indexOf('--');
  const own = terminator < 0 ? argv : argv.slice(0, terminator);
  const command = terminator < 0 ? [] : argv.slice(terminator + 1);
  const { values } = parse(
    'record',
    own,
    {
      pid: { type: 'string' },
      duration: { type: 'string' },
      interval: { type: 'string' },
      children: { type: 'boolean', default: false },
      name: { type: 'string' },
      tag: { type: 'string', multiple: true },
      profile: { type: 'string', default: 'auto' },
      hz: { type: 'string' },
      'no-allocations': { type: 'boolean', default: false },
      'node-attach-signal': { type: 'boolean', default: false },
      repeat: { type: 'string' },
      warmup: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      alert: { type: 'string', multiple: true },
      'alert-cooldown': { type: 'string' },
      'on-alert': { type: 'string' },
      'no-anomalies': { type: 'boolean', default: false },
    },
    false,
  );
  const profiler = String(values.profile);
  if (!(profilerChoices as readonly string[]).includes(profiler)) {
    throw new UsageError(`--profile must be one of ${profilerChoices.join(', ')}, not "${profiler}".`);
  }
  const samplingHz =
    values.hz === undefined
      ? null
      : integerInRange(String(values.hz), '--hz', samplingLimits.minimumHz, samplingLimits.maximumHz);
  if (values.pid !== undefined && command.length > 0)
    throw new UsageError('record takes either --pid PID or -- COMMAND, not both.');
  if (values.pid === undefined && command.length === 0) {
    throw new UsageError('record needs a target: --pid PID, or -- COMMAND [ARGS...] to launch one.');
  }
  const target =
    values.pid !== undefined
      ? { kind: 'pid' as const, pid: positiveInteger(String(values.pid), '--pid') }
      : { kind: 'command' as const, argv: command };
  const duration = values.duration === undefined ? null : Number(values.duration);
  if (duration !== null && !(Number.isFinite(duration) && duration > 0)) {
    throw new UsageError(`--duration must be a number of seconds greater than 0, not "${values.duration}".`);
  }
  const intervalMs =
    values.interval === undefined
      ? intervalLimits.defaultMs
      : integerInRange(String(values.interval), '--interval', intervalLimits.minimumMs, intervalLimits.maximumMs);
  const name = values.name === undefined ? undefined : String(values.name).trim() || undefined;
  const repeat = values.repeat === undefined ? 1 : integerInRange(String(values.repeat), '--repeat', 1, 1_000);
  const warmup = values.warmup === undefined ? 0 : integerInRange(String(values.warmup), '--warmup', 0, 100);
  if ((repeat > 1 || warmup > 0) && target.kind !== 'command')
    throw new UsageError(
      '--repeat and --warmup run a launched command several times: use them with -- COMMAND, not --pid.',
    );
  return {
    name: 'record',
    repeat,
    warmup,
    target,
    durationSeconds: duration,
    intervalMs,
    includeChildren: values.children === true,
    sessionName: name,
    tags: ((values.tag as unknown as string[] | undefined) ?? []).map((tag) => tagWord(tag)),
    profiler: profiler as ProfilerChoice,
    samplingHz,
    allocations: values['no-allocations'] !== true,
    nodeAttachSignal: values['node-attach-signal'] === true,
    quiet: values.quiet === true,
    ...watchOptions(values),
    ...globals(values),
  };
}

/** record's alert and anomaly options; a bad rule is a usage error before anything starts. */
function watchOptions(
  values: OptionValues,
): Pick<RecordOptions, 'alertRules' | 'alertCooldownMs' | 'onAlert' | 'anomalyDetection'> {
  const texts = values.alert as unknown as string[] | undefined;
  for (const text of texts ?? []) {
    const parsed = parseAlertRule(text);
    if (!parsed.ok) throw new UsageError(`--alert ${parsed.message}`);
  }
  const cooldown = values['alert-cooldown'];
  const onAlert = values['on-alert'] === undefined ? null : String(values['on-alert']).trim();
  if (onAlert === '') throw new UsageError('--on-alert needs a command to run, as in --on-alert "notify-send alert".');
  return {
    alertRules: texts ?? null,
    alertCooldownMs:
      cooldown === undefined
        ? defaultAlertCooldownMs
        : integerInRange(String(cooldown), '--alert-cooldown', 0, 86_400) * 1000,
    onAlert,
    anomalyDetection: values['no-anomalies'] !== true,
  };
}

type OptionValues = Record<string, string | boolean | undefined>;

function parse(
  command: string,
  argv: string[],
  options: ParseArgsConfig['options'],
  allowPositionals: boolean,
): { values: OptionValues; positionals: string[] } {
  const all = { ...globalOptions, ...options };
  try {
    const args = negativeValuesJoined(argv, all);
    const parsed = parseArgs({ args, options: all, allowPositionals, strict: true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')} (in \`thermograph ${command}\`).`,
    );
  }
}

/**
 * `--duration -1` as `--duration=-1`: parseArgs takes a value that starts with a dash for a missing
 * one, and its message would hide the real problem, which the option's own check then names
 * ("must be greater than 0"). Nothing after `--` (the launched command's own arguments) is touched.
 */
function negativeValuesJoined(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--') return joined.concat(argv.slice(index));
    const option = argument.startsWith('--') ? options[argument.slice(2)] : undefined;
    const next = argv[index + 1];
    if (option?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${argument}=${next}`);
      index++;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

/**
 * `--remove --max-old-space-size` as `--remove=--max-old-space-size`: an option whose value may itself
 * start with dashes (a Node.js option) takes the next word whatever it is.
 */
function valueJoined(argv: string[], option: string): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === option && index + 1 < argv.length) joined.push(`${option}=${argv[++index]}`);
    else joined.push(argument);
  }
  return joined;
}

function globals(values: OptionValues): GlobalOptions {
  return { database: typeof values.db === 'string' ? values.db : undefined, json: values.json === true };
}

function positiveInteger(text: string, what: string): number {
  return integerInRange(text, what, 1, Number.MAX_SAFE_INTEGER);
}

function integerInRange(text: string, what: string, minimum: number, maximum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum || value > maximum) {
    throw new UsageError(`${what} must be a whole number from ${minimum} to ${maximum}, not "${text}".`);
  }
  return value;
}
