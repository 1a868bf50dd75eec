// Folded panels are remembered per user; whatever is stored is read back defensively.

import { describe, expect, it } from 'vitest';
import { parseFoldedPanels, panelOpen, rememberPanel } from '../../../src-renderer/components/split/folded-panels';

describe('folded panels', () => {
  it('keeps only boolean entries of stored JSON', () => {
    expect(parseFoldedPanels('{"output":false,"diagnosis":true,"x":3}')).toEqual({ output: false, diagnosis: true });
    expect(parseFoldedPanels('[true]')).toEqual({});
    expect(parseFoldedPanels('not json')).toEqual({});
    expect(parseFoldedPanels(null)).toEqual({});
  });

  it('falls back to the default without storage, and still answers', () => {
    expect(panelOpen('output', true)).toBe(true);
    expect(rememberPanel('output', false)).toBe(false);
  });
});
