// The CLI's help texts, one per command, kept beside each other so they read as one manual.

const overview = `thermograph — record a process's resource timeline and keep it in SQLite

Usage:
  thermograph record (--pid PID | -- COMMAND [ARGS...]) [--duration SECONDS] [--interval MS]
                     [--children] [--name NAME] [--json] [--db PATH]
  thermograph sessions [--json] [--db PATH]
  thermograph show SESSION [--json] [--db PATH]
  thermograph serve [--port N] [--db PATH]
  thermograph help [COMMAND] | --version

The database is the platform's user-data folder unless --db PATH or THERMOGRAPH_DB says otherwise.
Exit codes: 0 success, 1 failure (with a message), 2 usage error.`;

const topics: Record<string, string> = {
  record: `thermograph record — record a running process or a command you launch

  --pid PID          record an existing process
  -- COMMAND ARGS    launch COMMAND (no shell; resolved through PATH) and record it; its output is kept
  --duration SECONDS stop after this long (default: until Ctrl-C or the target exits)
  --interval MS      sampling interval, 100 to 10000 (default 1000)
  --children         include the target's child processes
  --name NAME        session name (default: the process or command)
  --json             print the finished session as JSON instead of text

Ctrl-C stops the recording and keeps everything recorded so far; a launched command is ended with it.`,
  sessions: `thermograph sessions — list stored sessions, newest first

  --json             print {"schemaVersion":1,"sessions":[...]}`,
  show: `thermograph show SESSION — one session's details and statistics

  --json             print {"schemaVersion":1,"session":...,"statistics":...,"markers":[...]}`,
  serve: `thermograph serve — browser mode: the full UI served on 127.0.0.1 with a per-run token

  --port N           port to listen on (default: a free one)`,
};

/** The help text for a command, or the overview. */
export function helpText(topic: string | undefined): string {
  return (topic && topics[topic]) || overview;
}
