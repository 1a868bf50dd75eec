// The profile panel's logic outside its markup: which key does what, how tall the flame graph is
// on its own, and the allocation profile's wording shared by the panel and the export menu.
import { describe, expect, it } from 'vitest';
import { panelKeyAction, tabKeyView } from '../../../src-renderer/views/session/profile/panel-keys';
import { flameBounds, naturalFlameHeight } from '../../../src-renderer/views/session/profile/profile-heights';
import { allocationNote, kindTitles, sortedKinds } from '../../../src-renderer/views/session/profile/profile-kinds';

describe('profile panel keys', () => {
  it('maps 1–5, /, Esc, 0 and i to their actions and nothing else', () => {
    expect(panelKeyAction('1')).toEqual({ type: 'view', view: 'flame' });
    expect(panelKeyAction('4')).toEqual({ type: 'view', view: 'bottom-up' });
    expect(panelKeyAction('5')).toEqual({ type: 'view', view: 'sandwich' });
    expect(panelKeyAction('/')).toEqual({ type: 'search' });
    expect(panelKeyAction('Escape')).toEqual({ type: 'zoom-out' });
    expect(panelKeyAction('0')).toEqual({ type: 'reset-zoom' });
    expect(panelKeyAction('i')).toEqual({ type: 'orientation' });
    for (const key of ['6', 'I', 'Enter', 'ArrowLeft', 'a']) expect(panelKeyAction(key)).toBeNull();
  });

  it('moves along the tabs with the arrows (wrapping), Home and End', () => {
    expect(tabKeyView('ArrowRight', 'flame')).toBe('stack');
    expect(tabKeyView('ArrowLeft', 'flame')).toBe('sandwich');
    expect(tabKeyView('Home', 'tree')).toBe('flame');
    expect(tabKeyView('End', 'tree')).toBe('sandwich');
    expect(tabKeyView('ArrowDown', 'tree')).toBeNull();
  });
});

describe('profile panel heights', () => {
  it('grows the flame graph with its depth, between its minimum and the natural maximum', () => {
    expect(naturalFlameHeight(0)).toBe(flameBounds.minimum);
    const shallow = naturalFlameHeight(10);
    const deeper = naturalFlameHeight(20);
    expect(deeper).toBeGreaterThan(shallow);
    expect(naturalFlameHeight(10_000)).toBe(640);
  });
});

describe('profile kinds', () => {
  it('orders CPU first and says the allocation profile is sampled allocations, not retained memory', () => {
    expect(sortedKinds([{ kind: 'allocation' }, { kind: 'cpu' }])).toEqual(['cpu', 'allocation']);
    expect(kindTitles.allocation).toMatch(/sampled allocations.*collected.*not memory retained/);
    expect(allocationNote).toMatch(/collected.*not retained memory/);
  });
});
