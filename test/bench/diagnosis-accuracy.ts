// Diagnosis accuracy over repeated recordings: every labelled program of
// test/fixtures/targets/diagnosis/ is recorded `rounds` times through the built CLI (the command lines
// of test/integration/cli/diagnose.test.ts, 5 s each, interleaved round by round so a busy moment of
// the shared machine falls on every label alike) and diagnosed; then a steady CPU-bound program is
// recorded for a minute a few times, where a leak must never be found. Prints a confusion table — per
// label, how often its class came first, what came first instead, and "false leaks" (memory-growth
// reported for a program that does not leak) — the overall top-1 accuracy, and the `diagnose` text of
// every miss with its numbers.
// Run after `flock /tmp/thermograph-build.lock npm run build`:
//   npx tsx test/bench/diagnosis-accuracy.ts [rounds (5)] [--steady N (2)] [--steady-seconds S (60)] [--keep]

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DiagnosisClass, DiagnosisReport } from '../../src-shared/diagnosis/diagnosis';

const cli = resolve('out/main/cli.js');
const fixtures = resolve('test/fixtures/targets/diagnosis');
const seconds = 5;

/** One labelled program: the class it must get first and how to run it for a number of seconds. */
interface Labelled {
  label: DiagnosisClass;
  fixture: string;
  children: boolean;
  command(folder: string, seconds: number): string[];
  /** Seconds to record it, when not the default: a leak needs 10 s of growth to be called one. */
  seconds?: number;
}

const node = (fixture: string) => (_folder: string, duration: number) => [
  process.execPath,
  join(fixtures, fixture),
  String(duration),
];

const programs: Labelled[] = [
  { label: 'cpu-bound-single', fixture: 'cpu-single.js', children: false, command: node('cpu-single.js') },
  { label: 'cpu-bound-multi', fixture: 'cpu-multi.js', children: false, command: node('cpu-multi.js') },
  { label: 'io-bound', fixture: 'io-fsync.js', children: false, command: node('io-fsync.js') },
  { label: 'memory-growth', fixture: 'leak.js', children: false, command: node('leak.js'), seconds: 12 },
  { label: 'gc-pressure', fixture: 'gc-churn.js', children: false, command: node('gc-churn.js') },
  {
    label: 'event-loop-blocked',
    fixture: 'event-loop-block.js',
    children: false,
    command: node('event-loop-block.js'),
  },
  {
    label: 'thread-pool-saturated',
    fixture: 'pool-saturated.js',
    children: false,
    command: node('pool-saturated.js'),
  },
  {
    label: 'lock-contention',
    fixture: 'lock-contention.c',
    children: false,
    command: (folder, duration) => [join(folder, 'lock-contention'), String(duration)],
  },
  {
    label: 'gil-contention',
    fixture: 'gil-threads.py',
    children: false,
    command: (_folder, duration) => ['python3', join(fixtures, 'gil-threads.py'), String(duration)],
  },
  { label: 'child-processes', fixture: 'children.js', children: true, command: node('children.js') },
  { label: 'idle', fixture: 'idle.js', children: false, command: node('idle.js') },
];

/** What one recording was diagnosed with. */
interface Outcome {
  sessionId: number | null;
  /** Classes, most confident first; empty when the recording or the diagnosis failed. */
  classes: DiagnosisClass[];
  /** The memory-growth finding's title when there is one (it says whether it is a probable leak). */
  growth: string | null;
  /** Why the recording or the diagnosis failed, or null. */
  failure: string | null;
}

function options(): { rounds: number; steadyRuns: number; steadySeconds: number; keep: boolean } {
  const args = process.argv.slice(2);
  const valueAfter = (flag: string, fallback: number): number => {
    const at = args.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number, not "${args[at + 1]}".`);
    args.splice(at, 2);
    return value;
  };
  const steadyRuns = valueAfter('--steady', 2);
  const steadySeconds = valueAfter('--steady-seconds', 60);
  const keep = args.includes('--keep');
  const rest = args.filter((arg) => arg !== '--keep');
  const rounds = rest[0] === undefined ? 5 : Number(rest[0]);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a whole number ≥ 1, not "${rest[0]}".`);
  return { rounds, steadyRuns, steadySeconds, keep };
}

/** Runs the CLI; its stdout, or a failure that says what happened. */
function runCli(args: string[]): { stdout: string; failure: string | null } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return { stdout: result.stdout, failure: null };
  const said = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
  return { stdout: result.stdout, failure: `thermograph ${args[0]} exited ${result.status ?? result.signal}: ${said}` };
}

function recordAndDiagnose(database: string, program: Labelled, folder: string, duration: number): Outcome {
  const children = program.children ? ['--children'] : [];
  const command = program.command(folder, duration);
  const recorded = runCli(['record', '--db', database, '--interval', '250', '--json', ...children, '--', ...command]);
  if (recorded.failure) return { sessionId: null, classes: [], growth: null, failure: recorded.failure };
  const sessionId = (JSON.parse(recorded.stdout) as { session: { id: number } }).session.id;
  const diagnosed = runCli(['diagnose', String(sessionId), '--db', database, '--json']);
  if (diagnosed.failure) return { sessionId, classes: [], growth: null, failure: diagnosed.failure };
  const report = (JSON.parse(diagnosed.stdout) as { diagnosis: DiagnosisReport }).diagnosis;
  const growth = report.diagnoses.find((diagnosis) => diagnosis.class === 'memory-growth')?.title ?? null;
  return { sessionId, classes: report.diagnoses.map((diagnosis) => diagnosis.class), growth, failure: null };
}

/** "a ×2, b ×1" for the classes that came first instead, most frequent first. */
function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return (
    [...counts]
      .sort((left, right) => right[1] - left[1])
      .map(([value, count]) => `${value} ×${count}`)
      .join(', ') || '—'
  );
}

function printRows(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

function main(): void {
  const { rounds, steadyRuns, steadySeconds, keep } = options();
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: build first (flock /tmp/thermograph-build.lock npm run build).`);
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-accuracy-'));
  const database = join(folder, 'accuracy.db');
  const began = Date.now();
  try {
    execFileSync('gcc', [
      '-O1',
      '-pthread',
      join(fixtures, 'lock-contention.c'),
      '-o',
      join(folder, 'lock-contention'),
    ]);
    const outcomes = new Map<DiagnosisClass, Outcome[]>(programs.map((program) => [program.label, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const program of programs) {
        const outcome = recordAndDiagnose(database, program, folder, program.seconds ?? seconds);
        outcomes.get(program.label)!.push(outcome);
        const said = outcome.failure ?? outcome.classes.join(', ');
        process.stderr.write(`round ${round}/${rounds} ${program.label}: ${said}\n`);
      }
    }
    const steadyProgram = programs[0]!;
    const steady: Outcome[] = [];
    for (let run = 1; run <= steadyRuns; run++) {
      steady.push(recordAndDiagnose(database, steadyProgram, folder, steadySeconds));
      process.stderr.write(
        `steady ${run}/${steadyRuns}: ${steady.at(-1)!.failure ?? steady.at(-1)!.classes.join(', ')}\n`,
      );
    }
    report(rounds, outcomes, steady, steadySeconds, database);
    console.log(`\n${((Date.now() - began) / 60_000).toFixed(1)} min in all.`);
    if (keep) console.log(`The sessions are kept in ${database}.`);
  } finally {
    if (!keep) rmSync(folder, { recursive: true, force: true });
  }
}

/** A false leak: memory growth reported for a program that does not leak. */
function falseLeak(label: DiagnosisClass, outcome: Outcome): boolean {
  return label !== 'memory-growth' && outcome.growth !== null;
}

/** "N" false leaks, with how many of them the engine called a probable leak. */
function falseLeakCell(label: DiagnosisClass, list: Outcome[]): string {
  if (label === 'memory-growth') return '—';
  const leaks = list.filter((outcome) => falseLeak(label, outcome));
  const probable = leaks.filter((outcome) => outcome.growth!.includes('probable leak')).length;
  return leaks.length === 0 ? '0' : `${leaks.length} (${probable} "probable leak")`;
}

/** Whether a recording is shown in full after the table: a failure, a wrong first class or a false leak. */
function isMiss(label: DiagnosisClass, outcome: Outcome): boolean {
  return outcome.failure !== null || outcome.classes[0] !== label || falseLeak(label, outcome);
}

/** Prints the confusion table, the accuracy, the steady runs and the text diagnosis of every miss. */
function report(
  rounds: number,
  outcomes: Map<DiagnosisClass, Outcome[]>,
  steady: Outcome[],
  steadySeconds: number,
  database: string,
): void {
  const rows = [['label', 'program', 'top-1', 'first instead', 'false leak', 'failed']];
  let right = 0;
  let total = 0;
  const misses: Array<{ label: DiagnosisClass; outcome: Outcome }> = [];
  for (const program of programs) {
    const list = outcomes.get(program.label)!;
    const judged = list.filter((outcome) => !outcome.failure);
    const correct = judged.filter((outcome) => outcome.classes[0] === program.label).length;
    const instead = judged
      .filter((outcome) => outcome.classes[0] !== program.label)
      .map((outcome) => outcome.classes[0] ?? '(nothing)');
    right += correct;
    total += list.length;
    for (const outcome of list) if (isMiss(program.label, outcome)) misses.push({ label: program.label, outcome });
    rows.push([
      program.label,
      program.fixture,
      `${correct}/${list.length}`,
      tally(instead),
      falseLeakCell(program.label, judged),
      String(list.length - judged.length),
    ]);
  }
  console.log(
    `Diagnosis accuracy — ${new Date().toISOString()}, ${rounds} round(s) of ${seconds} s recordings at 250 ms\n`,
  );
  printRows(rows);
  console.log(
    `\nTop-1 accuracy: ${right}/${total} = ${((right / total) * 100).toFixed(1)}% (goal ≥ 95%; a failed recording counts as a miss)`,
  );
  if (steady.length > 0) {
    const { label, fixture } = programs[0]!;
    const first = steady.map((outcome) => (outcome.failure ? 'failed' : (outcome.classes[0] ?? '(nothing)')));
    console.log(
      `Steady ${fixture} for ${steadySeconds} s, ${steady.length} run(s): false leak ${falseLeakCell(label, steady)}; first: ${first.join(', ')}; all: ${steady.map((outcome) => outcome.classes.join('+') || '—').join(' | ')}`,
    );
    for (const outcome of steady) if (isMiss(label, outcome)) misses.push({ label, outcome });
  }
  for (const { label, outcome } of misses) {
    const what =
      outcome.failure ?? (outcome.classes[0] === label ? 'right first, but memory growth too:' : 'diagnosed as:');
    console.log(`\n— expected ${label}, session ${outcome.sessionId ?? '(none)'}: ${what}`);
    if (outcome.failure || outcome.sessionId === null) continue;
    const text = runCli(['diagnose', String(outcome.sessionId), '--db', database]);
    console.log((text.failure ?? text.stdout).trimEnd());
  }
}

main();
