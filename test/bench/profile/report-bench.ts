// The HTML report beside the reports 0x and clinic flame write for the same Node.js workload
// (report-workload.mjs, ≈ 6 s of work in 384 functions, stacks ≈ 50 deep; every tool samples at
// V8's 1 ms): each tool profiles the workload once and writes its report, then each report's file
// size, and the time to open it in headless Chromium from file:// with the network blocked until
// its flame graph is drawn (median of several opens, rotating between the tools, each in a fresh
// browser context so nothing is cached). Thermograph's is `thermograph record` then
// `thermograph report SESSION --out FILE`; until that command exists its rows say "not built yet".
//
// timeCommand and timeReportOpen take any command and any HTML file, so a row for another input
// (the issue's 1M-sample, 200k-node session: export ≤ 2 s, ≤ 5 MB, open ≤ 1 s) is a few lines.
// Run alone with `npx tsx test/bench/profile/report-bench.ts` (after `npm run build`).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { median, printTable, type BenchRow } from '../table';
import { quickMode } from './bench-cache';
import { quickNote } from './inputs';
import { duration, megabytes, reason, times } from './measure-format';
import { ensurePeer, peerCommand } from './peers';
import { largeReportRows } from './report-large';

const group = 'report';
const opens = quickMode ? 2 : 5;
const workloadRounds = quickMode ? 1_500 : 15_000;
const openTimeoutMs = 120_000;

/**
 * How to tell that a report's flame graph is drawn, checked once per animation frame on the page.
 * - `painted-canvas`: the canvas matching `selector` has opaque pixels. 0x and clinic flame both
 *   draw with d3-fg on `canvas.d3-flame-graph`: it clears the canvas to transparent and draws every
 *   box in one synchronous call, and the root row ("all stacks") spans the whole width, so the
 *   first frame in which a 1-pixel column through the canvas has an opaque pixel is the frame in
 *   which the whole graph has been drawn. Three columns are read, not the whole canvas, so the
 *   check costs the page next to nothing while it loads.
 * - `marked`: an element matching `selector` exists. Thermograph's canvas is opaque from the start
 *   (it is created with alpha: false), so pixels cannot tell; its flame graph says so itself.
 */
export type DrawnSignal = { kind: 'painted-canvas'; selector: string } | { kind: 'marked'; selector: string };

/** 0x's and clinic flame's d3-fg canvas. */
export const d3FlameGraphSignal: DrawnSignal = { kind: 'painted-canvas', selector: 'canvas.d3-flame-graph' };

/**
 * Thermograph's report: its CPU profile's flame graph (the app's FlameGraph component, whose root
 * counts its canvas draws in `data-draws`) has drawn once; or a `canvas[data-drawn]`, should the
 * report mark its canvas that way. Not the first `flame-graph-draw` measure: the allocation flame
 * graph makes one too. Change it here if the report's signal changes.
 */
export const thermographReportSignal: DrawnSignal = {
  kind: 'marked',
  selector: '[data-testid="report-profile-cpu-flame"][data-draws]:not([data-draws="0"]), canvas[data-drawn]',
};

/** The page-side state the signal reads (this file is type-checked without the DOM library). */
interface PageGlobals {
  document: {
    querySelector(selector: string): {
      width: number;
      height: number;
      getContext?(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      } | null;
    } | null;
  };
}

/** Options of timeCommand. */
export interface CommandOptions {
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs `argv` and resolves to its wall time in milliseconds (spawn to exit); rejects when it
 * cannot start, exits other than 0 or outlives the timeout, with its last lines of stderr (or
 * stdout, where CLIs print errors with --json).
 */
export function timeCommand(argv: readonly string[], options: CommandOptions = {}): Promise<number> {
  const [command, ...args] = argv;
  return new Promise((resolveRun, rejectRun) => {
    const began = performance.now();
    const child = spawn(command!, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (data: Buffer) => (output = (output + data.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      rejectRun(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const milliseconds = performance.now() - began;
      if (code === 0) {
        resolveRun(milliseconds);
        return;
      }
      const last = output.trim().split('\n').slice(-2).join(' ').replace(/\s+/g, ' ');
      rejectRun(new Error(`${signal ?? `exit ${code}`}: ${last}`));
    });
  });
}

/** One report opened. */
export interface ReportOpen {
  /** From the start of the navigation to the animation frame in which the flame graph was drawn. */
  milliseconds: number;
  /** URLs the page asked for beyond its own file while it loaded (all blocked). */
  blocked: string[];
}

/**
 * Opens `htmlPath` from file:// in a fresh context of `browser` (offline, every non-file request
 * aborted) and resolves when `signal` holds, with the time on the page's own clock.
 */
export async function timeReportOpen(
  browser: Browser,
  htmlPath: string,
  signal: DrawnSignal,
  timeoutMs = openTimeoutMs,
): Promise<ReportOpen> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, offline: true });
  const blocked: string[] = [];
  const problems: string[] = [];
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('crash', () => problems.push('the page crashed'));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'commit', timeout: timeoutMs });
    const handle = await page.waitForFunction(
      (wanted) => {
        const browser = globalThis as unknown as PageGlobals;
        if (wanted.kind === 'marked') return browser.document.querySelector(wanted.selector) ? performance.now() : null;
        const canvas = browser.document.querySelector(wanted.selector);
        const context = canvas?.getContext?.('2d');
        if (!canvas || !context || canvas.width === 0 || canvas.height === 0) return null;
        for (const share of [0.25, 0.5, 0.75]) {
          const column = context.getImageData(Math.floor(canvas.width * share), 0, 1, canvas.height).data;
          for (let alpha = 3; alpha < column.length; alpha += 4) if (column[alpha] !== 0) return performance.now();
        }
        return null;
      },
      signal,
      { timeout: timeoutMs, polling: 'raf' },
    );
    const milliseconds = (await handle.jsonValue()) as number;
    // Requests made later in the page's load count too (clinic asks for a web font stylesheet).
    await page.waitForLoadState('load', { timeout: timeoutMs }).catch(() => {});
    return { milliseconds, blocked };
  } catch (error) {
    if (problems.length > 0) throw new Error(`the page failed: ${problems[0]}`, { cause: error });
    throw error;
  } finally {
    await context.close().catch(() => {});
  }
}

/** A report made, or why it could not be. */
type Made = { ok: true; path: string; commandMs: number } | { ok: false; problem: string };

/** One tool measured on the workload. */
interface ReportTool {
  name: string;
  signal: DrawnSignal;
  made: Made;
  opens: ReportOpen[];
  openFailure: string | null;
}

/** The workload's argv, as every tool launches it (beside this file, also when run from a bundle). */
function workload(): string[] {
  const beside = join(__dirname, 'report-workload.mjs');
  const script = existsSync(beside) ? beside : resolve('test/bench/profile/report-workload.mjs');
  return [process.execPath, script, String(workloadRounds)];
}

/**
 * Thermograph: `record` the workload into a scratch database, then `report` it. A report command
 * that fails says "not built yet" while the CLI does not know the command.
 */
async function makeThermographReport(scratch: string): Promise<Made> {
  const cli = resolve('out/main/cli.js');
  const database = join(scratch, 'bench.db');
  const out = join(scratch, 'thermograph-report.html');
  let recordMs: number;
  try {
    recordMs = await timeCommand([
      process.execPath,
      cli,
      'record',
      '--db',
      database,
      '--name',
      'bench-report',
      '--',
      ...workload(),
    ]);
  } catch (error) {
    return { ok: false, problem: `record failed: ${reason(error)}` };
  }
  try {
    const reportMs = await timeCommand([
      process.execPath,
      cli,
      'report',
      'bench-report',
      '--out',
      out,
      '--db',
      database,
    ]);
    return { ok: true, path: out, commandMs: recordMs + reportMs };
  } catch (error) {
    const why = reason(error);
    if (/Unknown command "report"/.test(why))
      return { ok: false, problem: 'not built yet (the CLI has no report command)' };
    return { ok: false, problem: `not built yet: thermograph report failed (${why})` };
  }
}

/** 0x: its flamegraph.html in the output folder. */
async function makeZeroXReport(scratch: string): Promise<Made> {
  const peer = await ensurePeer('0x');
  if (!peer.ok) return { ok: false, problem: `peer not installed: ${peer.reason}` };
  const folder = join(scratch, '0x');
  try {
    const commandMs = await timeCommand([peerCommand(peer.folder, '0x'), '--output-dir', folder, '--', ...workload()], {
      cwd: scratch,
    });
    return { ok: true, path: join(folder, 'flamegraph.html'), commandMs };
  } catch (error) {
    return { ok: false, problem: `0x failed: ${reason(error)}` };
  }
}

/** clinic flame: the PID.clinic-flame.html it writes into --dest. */
async function makeClinicReport(scratch: string): Promise<Made> {
  const peer = await ensurePeer('clinic');
  if (!peer.ok) return { ok: false, problem: `peer not installed: ${peer.reason}` };
  const folder = join(scratch, 'clinic');
  mkdirSync(folder, { recursive: true });
  try {
    const commandMs = await timeCommand(
      [peerCommand(peer.folder, 'clinic'), 'flame', '--open=false', '--dest', folder, '--', ...workload()],
      // Without a terminal, clinic's first-run question about anonymous usage reports makes it
      // exit with code 0 having run nothing; NO_INSIGHT skips the question (as in overhead-bench.ts).
      { cwd: scratch, env: { NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1' } },
    );
    const html = readdirSync(folder).find((name) => name.endsWith('.clinic-flame.html'));
    if (!html) return { ok: false, problem: `clinic wrote no .clinic-flame.html into ${folder}` };
    return { ok: true, path: join(folder, html), commandMs };
  } catch (error) {
    return { ok: false, problem: `clinic failed: ${reason(error)}` };
  }
}

/** Opens every made report `opens` times, rotating which tool goes first each round. */
async function openAll(browser: Browser, tools: ReportTool[]): Promise<void> {
  const ready = tools.filter((tool) => tool.made.ok);
  for (let round = 0; round < opens; round++) {
    for (let turn = 0; turn < ready.length; turn++) {
      const tool = ready[(turn + round) % ready.length]!;
      if (!tool.made.ok || tool.openFailure !== null) continue;
      try {
        tool.opens.push(await timeReportOpen(browser, tool.made.path, tool.signal));
      } catch (error) {
        tool.openFailure = reason(error);
      }
    }
  }
}

/** A tool whose report was made. */
type MadeTool = ReportTool & { made: Extract<Made, { ok: true }> };

/** A tool's number for a row, or why it has none. */
function cell(tool: ReportTool, value: (tool: MadeTool) => string): string {
  return tool.made.ok ? value(tool as MadeTool) : tool.made.problem;
}

const openMedian = (tool: ReportTool): number =>
  tool.openFailure === null && tool.opens.length > 0 ? median(tool.opens.map((open) => open.milliseconds)) : Number.NaN;

function openText(tool: ReportTool): string {
  if (tool.openFailure !== null) return `open failed: ${tool.openFailure}`;
  const blocked = tool.opens[0]?.blocked.length ?? 0;
  return `${duration(openMedian(tool))}${blocked > 0 ? ` (${blocked} web request${blocked > 1 ? 's' : ''} blocked)` : ''}`;
}

/** The rows: sizes, open times and the commands' wall times, ours beside 0x and clinic. */
function reportRows(ours: ReportTool, peers: ReportTool[]): BenchRow[] {
  const label = `report-workload.mjs, ${workloadRounds.toLocaleString('en')} rounds${quickNote}`;
  const peerCells = (value: (tool: MadeTool) => string) =>
    peers.map((peer) => `${peer.name} ${cell(peer, value)}`).join(' · ');
  // Ours, then ours against each peer that has the number too: "…; 0.12× 0x, 0.05× clinic".
  const withRatios = (text: string, value: (tool: ReportTool) => number) => {
    const ratios = peers
      .map((peer) => ({ peer, ratio: value(ours) / value(peer) }))
      .filter(({ ratio }) => Number.isFinite(ratio))
      .map(({ peer, ratio }) => `${times(ratio)} ${peer.name}`);
    return ratios.length > 0 ? `${text}; ${ratios.join(', ')}` : text;
  };
  const sizeOf = (tool: ReportTool) => (tool.made.ok ? statSync(tool.made.path).size : Number.NaN);
  const sizeText = (tool: MadeTool) => {
    const size = sizeOf(tool);
    return `${size.toLocaleString('en')} B (${megabytes(size)})`;
  };
  const opened = ours.made.ok && ours.openFailure === null;
  return [
    {
      group,
      measure: `report size (same workload: ${label})`,
      ours: cell(ours, (tool) => withRatios(sizeText(tool), sizeOf)),
      peer: peerCells(sizeText),
      floor: '—',
      goal: '— (reported beside the peers)',
      met: ours.made.ok,
    },
    {
      group,
      measure: `report open to drawn flame graph (file://, network blocked; median of ${opens})`,
      ours: opened ? withRatios(openText(ours), openMedian) : cell(ours, openText),
      peer: peerCells(openText),
      floor: '—',
      goal: '— (reported beside the peers)',
      met: opened,
    },
    {
      group,
      measure: 'profile the workload and write the report (whole commands, once)',
      ours: cell(ours, (tool) => `${duration(tool.made.commandMs)} (record + report)`),
      peer: peerCells((tool) => duration(tool.made.commandMs)),
      floor: '—',
      goal: '— (reported beside the peers)',
      met: ours.made.ok,
    },
  ];
}

/** Measures the report rows. */
export async function runReportBench(): Promise<BenchRow[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'thermograph-report-bench-'));
  let browser: Browser | null = null;
  try {
    // One tool at a time: each profiles the workload on a 2-core machine.
    const tools: ReportTool[] = [];
    const makers: [string, DrawnSignal, (scratch: string) => Promise<Made>][] = [
      ['Thermograph', thermographReportSignal, makeThermographReport],
      ['0x', d3FlameGraphSignal, makeZeroXReport],
      ['clinic', d3FlameGraphSignal, makeClinicReport],
    ];
    for (const [name, signal, make] of makers) {
      process.stderr.write(`bench: report: ${name} profiles the workload…\n`);
      tools.push({ name, signal, made: await make(scratch), opens: [], openFailure: null });
    }
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    await openAll(browser, tools);
    const rows = reportRows(tools[0]!, tools.slice(1));
    process.stderr.write('bench: report: the 1M-sample, 200k-node session…\n');
    return [...rows, ...(await largeReportRows(browser, scratch))];
  } finally {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

// Run alone: `npx tsx test/bench/profile/report-bench.ts`.
if (process.argv[1] && /report-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runReportBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
