import { describe, expect, it } from 'vitest';
import { withoutInspectorMessages } from '../../../src-main/profilers/node/inspector-output';

describe("the inspector's own stderr lines", () => {
  it('are removed, whole lines only, and the program output around them is kept', () => {
    const text = [
      'Debugger listening on ws://127.0.0.1:35497/c908a2d9-0502-4197-9c91-d4b0b583daa4',
      'For help, see: https://nodejs.org/en/docs/inspector',
      'warning: real program output',
      'Debugger listening on ws://127.0.0.1:37327/1eab16f6-2df1-408a-9ee2-03eb31208030',
      'For help, see: https://nodejs.org/learn/getting-started/debugging',
      'Debugger attached.',
      'Waiting for the debugger to disconnect...',
      'Debugger listening on ws://0.0.0.0:9229/x (not ours: not loopback)',
      '',
    ].join('\n');
    expect(withoutInspectorMessages(text)).toBe(
      'warning: real program output\nDebugger listening on ws://0.0.0.0:9229/x (not ours: not loopback)\n',
    );
    expect(withoutInspectorMessages('Debugger attached.\n')).toBe('');
    expect(withoutInspectorMessages('say "Debugger attached." twice\n')).toBe('say "Debugger attached." twice\n');
  });
});
