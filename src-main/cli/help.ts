// The CLI's help texts, one per command, kept beside each other so they read as one manual.

const overview = `thermograph — record a process's resource timeline and CPU/allocation profiles in SQLite

Usage:
  thermograph record (--pid PID | -- COMMAND [ARGS...]) [--duration SECONDS] [--interval MS]
                     [--children] [--profile auto|node|perf|python|none] [--hz N]
                     [--no-allocations] [--node-attach-signal] [--name NAME] [--tag TAG]... [--repeat N]
                     [--warmup K] [--quiet] [--alert RULE]... [--alert-cooldown SECONDS]
                     [--on-alert COMMAND] [--no-anomalies] [--json] [--db PATH]
  thermograph sessions [--json] [--db PATH]
  thermograph show SESSION [--json] [--db PATH]
  thermograph output SESSION [--follow] [--json] [--db PATH]
  thermograph rename SESSION NAME [--json] [--db PATH]
  thermograph tag SESSION TAG... [--remove] [--json] [--db PATH]
  thermograph baseline SESSION [--clear] [--json] [--db PATH]
  thermograph diagnose SESSION [--json] [--db PATH]
  thermograph recommend SESSION [--json] [--db PATH]
  thermograph apply SESSION RECOMMENDATION [--runs N] [--max-runs N] [--metric NAME=REGEX] [--window MS] [--json] [--db PATH]
  thermograph presets [SESSION] [--remove ACTION] [--json] [--db PATH]
  thermograph compare BASELINE CANDIDATE [--fail-on METRIC:+N%]... [--metric NAME=REGEX]...
                      [--alpha A] [--format text|markdown|json] [--db PATH]
  thermograph trends [TARGET] [--metric METRIC|NAME=REGEX] [--json] [--db PATH]
  thermograph report SESSION --out FILE.html [--compare OTHER] [--trend METRIC] [--json] [--db PATH]
  thermograph delete SESSION... [--yes] [--json] [--db PATH]
  thermograph hotspots SESSION [--top N] [--kind cpu|allocation] [--from S] [--to S] [--json] [--db PATH]
  thermograph source SESSION FUNCTION [--kind cpu|allocation] [--from S] [--to S] [--json] [--db PATH]
  thermograph import FILE [--name NAME] [--json] [--db PATH]
  thermograph export SESSION --format speedscope|folded|pprof|cpuprofile --out FILE [--kind cpu|allocation]
                     [--from S] [--to S] [--transform SPEC]...
  thermograph doctor [--json]
  thermograph serve [--port N] [--db PATH]
  thermograph help [COMMAND] | --version

The database is the platform's user-data folder unless --db PATH or THERMOGRAPH_DB says otherwise.
Exit codes: 0 success, 1 failure (with a message), 2 usage error, 3 compare found a regression; apply exits
0 only when the change was kept. With --json, failures and usage
errors are also printed on stdout as {"schemaVersion":1,"error":{"code","message"}} (code "usage" for exit 2).`;

const topics: Record<string, string> = {
  diagnose: `thermograph diagnose SESSION — what kind of bottleneck a session shows, with its evidence

Each diagnosis has a class (cpu-bound-single, cpu-bound-multi, io-bound, memory-growth, gc-pressure,
event-loop-blocked, thread-pool-saturated, lock-contention, gil-contention, child-processes, idle), a
confidence from 0 to 1, the numbers that support it and the time range where it holds; most confident
first. Notes say what could not be judged (no profile, no per-thread readings, too short).

  --json             print {"schemaVersion":1,"diagnosis":{"sessionId","diagnoses","recommendations","notes"}}`,
  recommend: `thermograph recommend SESSION — what to change about a diagnosed session, ranked

Each recommendation says why, what to do and the effect to expect. One with an action (an environment
variable or runtime option of a launched command) can be tried and verified with
\`thermograph apply SESSION RECOMMENDATION\`; a code-level one names the function to look at.

  --json             print {"schemaVersion":1,"recommendations":[...]}`,
  apply: `thermograph apply SESSION RECOMMENDATION — try a recommendation's change and keep it only if it helped

  Runs the session's launched command again, baseline and changed in turn (baseline, changed, baseline,
  …), and compares them with the comparison engine. A significant decrease of at least 3 % is kept: the
  change joins the command's launch preset, which every later launch of it by Thermograph gets
  (\`thermograph presets\`). Anything else is rolled back and changes nothing. RECOMMENDATION is an id
  as \`thermograph recommend SESSION\` lists it in brackets (e.g. node-old-space); only one with an
  action (an environment variable or runtime option) can be applied. A line is printed per run as it
  ends (rewritten in place on a terminal), then the verdict. On a session recorded by PID, a nice value,
  I/O priority or CPU affinity is changed on the running process in windows of time instead, and what is
  kept stays on that process until it exits (no launch preset).
  Ctrl-C cancels: the run in progress is ended and nothing is kept.
  --runs N           runs a side to start with, 4 to 40 (default 5)
  --max-runs N       the most runs a side it may grow to while the answer is unclear (default 12, or --runs)
  --metric NAME=REGEX
                     compare a number each run prints instead of its wall time (lower is better): the
                     first group of REGEX's last match in its output, as \`compare --metric\` reads it
  --window MS        each window's length on a running process, 250 to 60000 (default 2000)
  --json             print {"schemaVersion":1,"experiment":{...}} at the end (no progress lines)
  Exit codes: 0 kept; 1 rolled back, cancelled or failed (the verdict says which and why); 2 usage error.`,
  presets: `thermograph presets [SESSION] — the launch presets experiments kept, and removing an entry

  Lists the entries of SESSION's command's preset, or of every command's. A launch preset is what kept
  experiments changed about a launched command (its argv and folder): every later launch of it by
  Thermograph (record, the app) gets them, and its session gets a note saying so.
  --remove ACTION    remove one entry, named as the list shows it (\`UV_THREADPOOL_SIZE=16\`,
                     \`NODE_OPTIONS += --max-old-space-size=384\`, \`nice −5\`) or by what it sets
                     (\`UV_THREADPOOL_SIZE\`, \`--max-old-space-size\`, \`nice\`). Without SESSION,
                     the entry must be in one command's preset only
  --json             print {"schemaVersion":1,"presets":[...]}, or with --remove
                     {"schemaVersion":1,"removed":{...},"presets":[what remains]}`,
  record: `thermograph record — record a running process or a command you launch

  --pid PID          record an existing process
  -- COMMAND ARGS    launch COMMAND (no shell; resolved through PATH) and record it. Its output is kept
                     with the session and shown as it comes (within a second): its stderr on stderr, its
                     stdout on stdout, or on stderr with --json so stdout holds only the JSON
  --quiet, -q        do not show the launched command's output (it is still kept: thermograph output)
  --duration SECONDS stop after this long (default: until Ctrl-C or the target exits)
  --interval MS      sampling interval, 100 to 10000 (default 1000)
  --children         include the target's child processes
  --name NAME        session name (default: the process or command)
  --tag TAG          tag the session (repeat for several; every run of a series): compare takes a tag as a side
  --profile WHICH    CPU profiler: auto (by runtime: node → V8 inspector, python → py-spy, else austin
                     or perf, native → perf), node, perf, python, or none (timeline only). Default auto.
                     If the profiler cannot run, the timeline is still recorded and the reason shown.
  --hz N             profiler samples per second (default 1000 for Node.js, 999 for perf)
  --no-allocations   Node.js: CPU profile only, no allocation profile (a little less overhead)
  --node-attach-signal
                     Node.js, with --pid, when its inspector is not open: send SIGUSR1 to open it.
                     Only if you know the program has no SIGUSR1 listener of its own (log rotation,
                     reload): that listener would run instead. Better: start it with
                     --inspect=127.0.0.1:0 (or NODE_OPTIONS=--inspect=127.0.0.1:0).
  --repeat N         with -- COMMAND: record N runs one after another, each a session under one name
                     (a series for \`thermograph compare NAME OTHER\`); --json then prints
                     {"schemaVersion":1,"series":NAME,"sessions":[...]}
  --warmup K         with --repeat: K runs first that are recorded and then deleted
  --alert RULE       alert when METRIC OP THRESHOLD[:DURATION] holds, e.g. "cpu>90%:10s", "rss>1.5GB",
                     "fds>900", "heap>=512MiB:5s" (metrics: cpu, rss, pss, heap, fds, threads, read,
                     write, or any metric key; kB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024).
                     Repeat for several. Prints "ALERT …" and "CLEARED …" lines on stderr; without
                     --alert the rules saved as the target's defaults in the app apply
  --alert-cooldown SECONDS
                     the least time between two alerts of one rule (default 60): one episode, one alert
  --on-alert COMMAND run COMMAND with /bin/sh when an alert fires or an anomaly is found, with
                     THERMOGRAPH_EVENT (alert|anomaly), THERMOGRAPH_RULE, THERMOGRAPH_METRIC,
                     THERMOGRAPH_VALUE, THERMOGRAPH_THRESHOLD, THERMOGRAPH_MESSAGE, THERMOGRAPH_TIME,
                     THERMOGRAPH_SESSION and THERMOGRAPH_EVENT_JSON set; it ends with the recording
  --no-anomalies     do not look for anomalies (otherwise, after 30 s of learning, spikes, level
                     shifts and drifts of CPU, memory, descriptors, threads and I/O print "ANOMALY …")
  --json             print the finished session as JSON instead of text
  --db PATH          the database (default: THERMOGRAPH_DB, else the user-data folder)

Below one sample a second the files are read by the reading pump (thermograph doctor says whether it is
built); THERMOGRAPH_READING_PUMP=off samples on a Node.js timer instead.
Ctrl-C stops the recording and keeps everything recorded so far; a launched command is ended with it.`,
  sessions: `thermograph sessions — list stored sessions, newest first

  --json             print {"schemaVersion":1,"sessions":[...]}`,
  show: `thermograph show SESSION — one session's details and statistics, and the experiments run from it

  --json             print {"schemaVersion":1,"session":...,"statistics":...,"markers":[...],"experiments":[...]}`,
  compare: `thermograph compare BASELINE CANDIDATE — is the candidate better or worse, and how sure is that?

  Each side is a session id, a name (every ended session recorded under it: a series of runs), a tag,
  or the word baseline (the candidate's target's baseline; every marked session when the candidate
  spans several targets or its target has none). With several runs a side, each run is one
  observation: medians with intervals, the change with its interval, a rank-sum test, and a verdict
  that needs significance; with one session a side, resource metrics are judged from batches of
  samples and functions from profile sample counts (weaker evidence, and the output says so).
  Metrics: wall (a launched command's run time), cpu.user, cpu.system, cpu.mean, cpu.p95, rss.peak,
  rss.mean, io.read, io.write, syscalls.read, syscalls.write, switches.voluntary,
  switches.involuntary, faults.minor, faults.major, threads.peak, fds.peak.
  --fail-on METRIC:+N%   exit 3 when METRIC increased significantly by at least N % (or :+N, in the
                         metric's unit); repeat for several rules. Noise never fails the gate; a
                         rule whose METRIC was not measured on both sides exits 1
  --metric NAME=REGEX    also compare a number each run printed (its stored output, the last 4 MiB): the
                         first group of REGEX's last match, e.g. --metric 'latency_ms=p99=(\\d+\\.?\\d*)ms';
                         --fail-on NAME:+5% gates on it like any metric
  --alpha A              significance level (default 0.05)
  --format FORMAT        text (default), markdown (for a pull-request comment) or json (as --json)`,
  report: `thermograph report SESSION --out FILE.html — one HTML file holding the session, to open anywhere

  SESSION is an id, or a series, name or tag (its newest session). The file works offline from any
  current browser: the session's header and statistics, its timeline (zoomable), its alerts and
  anomalies with the memory forecast, CPU and allocation flame graphs (zoom, search, tooltips), the
  hotspot table and Thermograph's own overhead. A launched
  command's environment values are left out (names kept). Nothing in it loads from the network.
  --compare OTHER    also the comparison with OTHER (the baseline: an id, a series, a tag or baseline),
                     as \`thermograph compare OTHER SESSION\` shows it, with the differential flame graph
  --trend METRIC     also the trend of a run metric (wall, cpu.mean, rss.peak… as compare --fail-on
                     names them) across the session's target, as \`thermograph trends SESSION --metric
                     METRIC\` shows it, with its chart
  --out FILE, -o     where to write (replacing what is there, as export --out does)
  --json             print {"schemaVersion":1,"report":{"path","bytes","sessionId"}}`,
  trends: `thermograph trends [TARGET] — a target's run metric across its sessions: change points and a forecast

  Without TARGET, lists every target (the same target as the baseline's: a launched command by its
  arguments and folder, a process by its command line) with its sessions and the metrics they measured.
  TARGET is a session id (its target), a session name, or a command line as \`thermograph sessions\`
  and \`thermograph trends\` show it. Prints each session's value, the trend per day (Theil–Sen, with
  its interval), each change point (the medians before and after, the change with its interval, p) and
  the forecast at 7 and 30 days with its 95 % prediction interval, from the sessions since the last
  change point; with too little history (8 sessions over 3 days) it says why there is none.
  --metric METRIC    wall (default), cpu.user, cpu.system, cpu.mean, cpu.p95, rss.peak, rss.mean, io.read,
                     io.write, syscalls.read, syscalls.write, switches.voluntary, switches.involuntary,
                     faults.minor, faults.major, threads.peak or fds.peak; or NAME=REGEX, a number each
                     session printed (the first group of REGEX's last match, as compare --metric reads it)
  --json             print {"schemaVersion":1,"targets":[...]} or {"schemaVersion":1,"trend":{...}}`,
  delete: `thermograph delete SESSION... — delete sessions and everything recorded with them

  Every id is checked first: an unknown id, or a session still recording (stop it first: Ctrl-C where
  \`thermograph record\` runs, or Stop in the app), deletes nothing and exits 1.
  --yes, -y          do not ask. Without it, delete asks on a terminal, and with no terminal (a script,
                     CI) it refuses with exit code 2 instead of waiting.
  --json             print {"schemaVersion":1,"deleted":[{"id","name"}]}`,
  hotspots: `thermograph hotspots SESSION — the functions where the time (or memory) went

  SELF is the weight of the samples where the function itself was running, TOTAL of those where it was
  anywhere on the stack; SELF SAMPLES and TOTAL SAMPLES count those samples (the app's table shows total
  samples, with self samples on hover).
  --top N            how many functions (default 20), heaviest self time first
  --kind KIND        cpu (default) or allocation (Node.js sessions)
  --from S, --to S   only the samples from S to S seconds after the session's start (as the app's
                     timeline counts them; either may be left out). A range outside the session is refused
  --json             print {"schemaVersion":1,"hotspots":{...}}`,
  source: `thermograph source SESSION FUNCTION — a function's source with the cost of each line

  FUNCTION is a function's exact name; NAME@FILE picks by the end of its file path. The line marked >
  is the hottest. Node.js profiles count V8's ticks per line: self cost only, for the whole recording
  (--from/--to do not narrow them, as the output says). austin recordings give self and total cost per
  line for any range, and so do perf recordings of native programs built with -g (up to 250,000 samples).
  py-spy, perf recordings of Node.js or Python, and imported files other than .cpuprofile carry none.
  --kind KIND        cpu (default) or allocation
  --from S, --to S   only the samples from S to S seconds after the session's start, as hotspots takes them
  --json             print {"schemaVersion":1,"source":{...}}`,
  import: `thermograph import FILE — read a profile file into a new session

  Formats (detected by content): Chrome/Node .cpuprofile, speedscope JSON, pprof (gzipped or not),
  perf script text, Brendan Gregg folded stacks, austin output. Gzipped files are read too.
  --name NAME        session name (default: the file name)`,
  export: `thermograph export SESSION --format FORMAT --out FILE — write a session's profile for other tools

  --format FORMAT    speedscope (speedscope.app), folded (flamegraph.pl, inferno; whole counts: samples per
                     stack, bytes for allocations), pprof (go tool pprof, Pyroscope), cpuprofile (Chrome
                     DevTools; Node.js CPU profiles)
  --kind KIND        cpu (default) or allocation
  --from S, --to S   only the samples from S to S seconds after the session's start, as hotspots takes them
  --transform SPEC   change the profile first, as the profile panel's context menu does; repeat to apply
                     several in order: merge:NAME (remove a function, its time to its callers),
                     focus:NAME (only stacks through it, starting at it), collapse-recursion:NAME,
                     collapse-module:MODULE, drop-internal (Node's own frames merged, idle dropped).
                     NAME is a function's exact name; NAME@FILE picks by the end of its file path`,
  doctor: `thermograph doctor — what this machine can profile, and how to fix what is missing

  Checks perf and kernel.perf_event_paranoid, ptrace, py-spy, austin and the Python versions they read,
  Python's perf trampoline, the Node.js inspector, the reading pump and the Electron runtime.
  Exit code 1 when any check other than the Electron runtime is MISSING (limited checks pass); 0
  otherwise: a missing Electron runtime only means no desktop window. The last line says which.
  --json             print {"schemaVersion":1,"checks":[{id,title,status,detail,fix}]}`,
  output: `thermograph output SESSION — what a launched command printed, as the session stored it

  Its stdout to stdout and its stderr to stderr, in order (the first 16 MiB a session).
  --follow, -f       keep printing new output while the session records (in another terminal or the
                     app), and stop when it ends; Ctrl-C stops following
  --json             print {"schemaVersion":1,"output":[{sequence,time,stream,text}]} instead`,
  rename: `thermograph rename SESSION NAME — give a session a new name (1 to 200 characters)

  A series is its sessions' shared name: renaming one session takes it out of its series.
  --json             print {"schemaVersion":1,"session":Session}`,
  tag: `thermograph tag SESSION TAG... — add tags to a session (compare takes a tag as a side)

  --remove           remove these tags instead (a tag the session does not have is ignored)
  --json             print {"schemaVersion":1,"session":Session}`,
  baseline: `thermograph baseline SESSION — mark a session as the baseline of its target

  One baseline per target (a launched command by its arguments and folder, a running process by its
  command line, an imported file by its path): marking this one unmarks the target's previous baseline.
  \`thermograph compare baseline OTHER\` compares against the marked sessions.
  --clear            unmark it instead
  --json             print {"schemaVersion":1,"session":Session}`,
  serve: `thermograph serve — browser mode: the full UI served on 127.0.0.1 with a per-run token

  --port N           port to listen on (default: a free one)`,
};

/** The help text for a command, or the overview. */
export function helpText(topic: string | undefined): string {
  return (topic && topics[topic]) || overview;
}
