import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importFolded, isFolded } from '../../../src-main/import/folded';
import { importInputFromBytes, openImportInput } from '../../../src-main/import/read-input';
import { frameKinds } from '../../../src-shared/profile/profile';
import { totalWeight } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const fixtures = new URL('../../fixtures/profiles/folded/', import.meta.url).pathname;
const options = { fallbackStartTime: 1_700_000_000_000 };

async function importText(text: string) {
  return (await importFolded(await importInputFromBytes('test.folded', Buffer.from(text)), options))[0]!;
}

describe('folded stacks', () => {
  it('detects folded text and rejects JSON, perf script, austin and binary', () => {
    expect(isFolded(Buffer.from('a;b;c 42\na;b 1\n'))).toBe(true);
    expect(isFolded(Buffer.from('std::vector<int, std::allocator<int> >::push_back 3\n'))).toBe(true);
    expect(isFolded(Buffer.from('{"nodes": 1}\n'))).toBe(false);
    expect(isFolded(Buffer.from('hot 26281  8246.075155:    2004008 cpu-clock:ppp: \n\t b5c3c main (/x)\n'))).toBe(
      false,
    );
    expect(isFolded(Buffer.from('# austin: 3.6.0\nP1;T1:1;a.py:main:1 10\n'))).toBe(false);
    expect(isFolded(Buffer.from('P12;T0:12;app.py:main:3 10\n'))).toBe(false);
    expect(isFolded(Buffer.from([0x0a, 0x02, 0x08, 0x01]))).toBe(false);
  });

  it('imports a real perf-collapsed profile with kernel frames and the file total', async () => {
    const text = await readFile(`${fixtures}perf-go-hot.folded`, 'utf8');
    const [profile] = await importFolded(await openImportInput(`${fixtures}perf-go-hot.folded`), options);
    const expected = text
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    expect(profile!.weightUnit).toBe('samples');
    expect(profile!.startTime).toBe(options.fallbackStartTime);
    expect(totalWeight(profile!)).toBe(expected);
    expect(foldedSummary(profile!)).toContain('hot;runtime.goexit.abi0;runtime.main;main.main;main.hotLoop 723');
    const kernel = profile!.strings.indexOf('do_syscall_64');
    const frame = [...profile!.frames.name].indexOf(kernel);
    expect(frameKinds[profile!.frames.kind[frame]!]).toBe('kernel');
  });

  it('sums repeated stacks and keeps prototype-like names apart from Object.prototype', async () => {
    const [profile] = await importFolded(await openImportInput(`${fixtures}tricky.folded`), options);
    expect(foldedSummary(profile!)).toMatchInlineSnapshot(`
      "main;<script>alert(1)</script>;"quoted" 'single' 7
      main;__proto__;work 6
      main;constructor;work 4
      main;std::vector<int, std::allocator<int> >::push_back(int const&) 6
      main;toString 5
      node;/app/server.js:handle;JSON.parse 8
      python;app.py:main;numpy.dot 2
      swapper;secondary_startup_64;cpu_idle 9"
    `);
    const kindOf = (name: string) =>
      frameKinds[profile!.frames.kind[[...profile!.frames.name].indexOf(profile!.strings.indexOf(name))]!];
    expect(kindOf('/app/server.js:handle')).toBe('js');
    expect(kindOf('app.py:main')).toBe('python');
    expect(kindOf('cpu_idle')).toBe('kernel');
    expect(kindOf('main')).toBe('native');
  });

  it('handles CRLF, blank lines, decimals and a last line without newline', async () => {
    const profile = await importText('a;b 1\r\n\r\na;b 2.5\na 3');
    expect(foldedSummary(profile)).toBe('a 3\na;b 3.5');
  });

  it('skips a malformed line as flamegraph.pl does, and names it', async () => {
    const notes: string[] = [];
    const input = await importInputFromBytes('test.folded', Buffer.from('a;b 1\na;b many\nb 2\n'));
    const [profile] = await importFolded(input, { ...options, note: (note) => notes.push(note) });
    expect(foldedSummary(profile!)).toBe('a;b 1\nb 2');
    expect(notes).toEqual([expect.stringMatching(/1 malformed line was skipped \(the first line 2: "a;b many"\)/)]);
    expect(isFolded(Buffer.from('main;work 3\nmain;work;[unknown\nmain 1\nmain;idle 2\n'))).toBe(true);
    expect(isFolded(Buffer.from('error code 3\nsomething went wrong\nretrying in 5\nfailed\n'))).toBe(false);
  });

  it('says what is wrong when no line is folded stacks', async () => {
    await expect(importText('a;b many\n')).rejects.toMatchObject({
      code: 'invalid-profile',
      message: expect.stringMatching(/test\.folded has no stacks .*line 1: "a;b many"/),
    });
    await expect(importText('a;b 1e999\n')).rejects.toMatchObject({ code: 'invalid-profile' });
    await expect(importText('a;b 0\n')).rejects.toMatchObject({ message: expect.stringMatching(/no stacks/) });
  });
});
