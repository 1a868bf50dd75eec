// The launch form's memory: newest first without repeats, bounded, robust to stored junk, and a
// first launch that starts in the user's home rather than Thermograph's own folder.
import { describe, expect, it } from 'vitest';
import {
  defaultWorkingDirectory,
  parseRecentLaunches,
  recentLimit,
  withRecent,
} from '../../../src-renderer/views/new-recording/recent-launches';

const launch = (commandLine: string, cwd = '/work/app') => ({ commandLine, cwd });

describe('recent launches', () => {
  it('puts the newest first, moves a repeated one to the front and keeps at most the limit', () => {
    expect(withRecent([launch('b'), launch('a')], launch('a'))).toEqual([launch('a'), launch('b')]);
    // The same command in another folder is another launch.
    expect(withRecent([launch('a')], launch('a', '/tmp'))).toEqual([launch('a', '/tmp'), launch('a')]);
    expect(withRecent([launch('a')], launch('  c  '))).toEqual([launch('c'), launch('a')]);
    expect(withRecent([launch('a')], launch('   '))).toEqual([launch('a')]);
    const many = Array.from({ length: recentLimit }, (_, index) => launch(`command ${index}`));
    expect(withRecent(many, launch('new'))).toEqual([launch('new'), ...many.slice(0, recentLimit - 1)]);
  });

  it('forgets what it cannot read instead of failing', () => {
    expect(parseRecentLaunches(null)).toEqual([]);
    expect(parseRecentLaunches('{not json')).toEqual([]);
    expect(parseRecentLaunches('{"commandLine":"x"}')).toEqual([]);
    expect(
      parseRecentLaunches(
        '[{"commandLine":"node a.js","cwd":"/a","extra":1},{"commandLine":3},null,{"commandLine":""}]',
      ),
    ).toEqual([launch('node a.js', '/a')]);
  });

  it('starts in the folder used last, else in the home folder', () => {
    expect(defaultWorkingDirectory([launch('a', '/work/app')], '/home/ada')).toBe('/work/app');
    expect(defaultWorkingDirectory([], '/home/ada')).toBe('/home/ada');
    expect(defaultWorkingDirectory([], undefined)).toBe('');
  });
});
