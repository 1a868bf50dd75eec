import { describe, expect, it } from 'vitest';
import { detectRuntime } from '../../../src-main/collectors/runtime-detection';
import { processName } from '../../../src-main/collectors/process-name';
import { parsePasswd } from '../../../src-main/collectors/user-names';

describe('detectRuntime', () => {
  it.each([
    '/usr/bin/node',
    '/usr/bin/nodejs',
    '/root/.nvm/versions/node/v20.20.2/bin/node',
    '/usr/local/bin/node20',
    '/opt/node-22.1/bin/node22',
    '/usr/bin/node (deleted)',
  ])('%s is Node.js', (path) => {
    expect(detectRuntime(path, [])).toBe('node');
  });

  it.each([
    '/usr/bin/python',
    '/usr/bin/python3',
    '/usr/bin/python3.12',
    '/root/.pyenv/versions/3.11.9/bin/python3.11',
    '/usr/bin/python2.7',
    '/usr/local/bin/python3.13t',
    '/usr/bin/python3.12d',
  ])('%s is Python', (path) => {
    expect(detectRuntime(path, [])).toBe('python');
  });

  it.each([
    '/usr/bin/bash',
    '/usr/sbin/nginx',
    '/usr/bin/nodemon',
    '/usr/bin/pythonista-helper',
    '/usr/bin/deno',
    '/usr/lib/electron/electron',
    '/usr/bin/ipython3',
    '/usr/bin/envoy',
    '/process_api',
  ])('%s is native', (path) => {
    expect(detectRuntime(path, [])).toBe('native');
  });

  it('prefers the executable over argv[0]', () => {
    // A Node.js program that set process.title still runs the node executable.
    expect(detectRuntime('/usr/bin/node', ['my-server'])).toBe('node');
    // A native program whose argv[0] happens to say python.
    expect(detectRuntime('/usr/bin/bash', ['python3'])).toBe('native');
  });

  it('falls back to argv[0] when the executable is unreadable', () => {
    expect(detectRuntime('', ['node', 'server.js'])).toBe('node');
    expect(detectRuntime('', ['/usr/bin/python3', '-m', 'http.server'])).toBe('python');
    expect(detectRuntime('', ['python3.12 worker.py'])).toBe('python');
    expect(detectRuntime('', ['/usr/sbin/sshd', '-D'])).toBe('native');
    expect(detectRuntime('', [])).toBe('native');
  });
});

describe('processName', () => {
  it('uses the full executable name where comm was cut at 15 bytes', () => {
    expect(processName('gnome-shell-cal', ['/usr/libexec/gnome-shell-calendar-server'])).toBe(
      'gnome-shell-calendar-server',
    );
    expect(processName('node', ['/usr/bin/node', 'server.js'])).toBe('node');
  });

  it('uses the executable name when the process renamed its main thread', () => {
    // Node.js 22+ names its main thread, and with it the process's comm, "MainThread".
    expect(processName('MainThread', ['/opt/node/bin/node', 'server.js'])).toBe('node');
  });

  it('keeps comm for kernel threads, shebang scripts and rewritten titles', () => {
    expect(processName('kthreadd', [])).toBe('kthreadd');
    expect(processName('backup.py', ['/usr/bin/python3', '/opt/backup.py'])).toBe('backup.py');
    expect(processName('sshd', ['sshd: root@pts/0'])).toBe('sshd');
  });
});

describe('parsePasswd', () => {
  it('maps uids to the first name listed', () => {
    const names = parsePasswd(
      'root:x:0:0:root:/root:/bin/bash\n# comment\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\ntoor:x:0:0::/:/bin/sh\nbroken\n',
    );
    expect(names.get(0)).toBe('root');
    expect(names.get(65534)).toBe('nobody');
    expect(names.size).toBe(2);
  });
});
