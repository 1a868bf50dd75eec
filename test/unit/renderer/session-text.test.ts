import { describe, expect, it } from 'vitest';
import { sessionSummary } from '../../helpers/session-summary';
import { markerLines } from '../../../src-renderer/views/session/timeline-markers';
import { sessionMatches } from '../../../src-renderer/views/sessions/session-search';
import { parseRoute, routeHash } from '../../../src-renderer/state/router-path';
import { parseDuration } from '../../../src-renderer/views/new-recording/recording-settings';

const session = sessionSummary;

describe('session text', () => {
  it('draws stored markers, or the session end when none was stored', () => {
    expect(markerLines([{ time: 1_030_000, kind: 'target-exited', message: 'exited' }], session())).toEqual([
      { x: 30_000, label: 'Target exited', tone: 'exit' },
    ]);
    expect(markerLines([], session({ endReason: 'user-stopped' }))).toEqual([
      { x: 60_000, label: 'Recording stopped', tone: 'stop' },
    ]);
    expect(
      markerLines(
        [{ time: 1_001_000, kind: 'note', message: 'x' }],
        session({ status: 'recording', endedAt: null, endReason: null }),
      ),
    ).toEqual([]);
  });

  it('labels an exec with the program the target switched to, beside the session end', () => {
    const exec = { time: 1_000_500, kind: 'target-exec' as const };
    expect(
      markerLines(
        [
          { ...exec, message: 'PID 7 replaced its program (exec): sleep 30' },
          { ...exec, message: 'PID 7 replaced its program (exec): /usr/bin/python3 -m a_very_long_module_name --flag' },
        ],
        session({ endReason: 'user-stopped' }),
      ),
    ).toEqual([
      { x: 500, label: 'exec sleep 30', tone: 'exec' },
      { x: 500, label: 'exec /usr/bin/python3 -m a_very_…', tone: 'exec' },
      { x: 60_000, label: 'Recording stopped', tone: 'stop' },
    ]);
  });

  it('searches sessions by name, target, tag and outcome', () => {
    expect(sessionMatches(session(), 'API')).toBe(true);
    expect(sessionMatches(session(), 'server.js nightly')).toBe(true);
    expect(sessionMatches(session(), 'exited')).toBe(true);
    expect(sessionMatches(session(), '4242')).toBe(true);
    expect(sessionMatches(session(), 'python')).toBe(false);
  });
});

describe('routes and settings', () => {
  it('parses and writes screen hashes, falling back to the new-recording screen', () => {
    expect(parseRoute('#/session/12')).toEqual({ screen: 'session', sessionId: 12 });
    expect(parseRoute('#/sessions')).toEqual({ screen: 'sessions' });
    expect(parseRoute('#/session/abc')).toEqual({ screen: 'new' });
    expect(parseRoute('')).toEqual({ screen: 'new' });
    expect(routeHash({ screen: 'session', sessionId: 3 })).toBe('#/session/3');
  });

  it('reads an optional duration in seconds', () => {
    expect(parseDuration('')).toEqual({ ok: true, seconds: null });
    expect(parseDuration(' 2.5 ')).toEqual({ ok: true, seconds: 2.5 });
    expect(parseDuration('0').ok).toBe(false);
    expect(parseDuration('ten').ok).toBe(false);
    expect(parseDuration('999999999').ok).toBe(false);
  });
});
