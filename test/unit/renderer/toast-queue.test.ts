// Which toasts stay: a fired alert until dismissed, the rest for 10 s; the stack stays short and gives
// up the toasts that would leave anyway before a fired alert.
import { describe, expect, it } from 'vitest';
import { queueToast, watchToastKind, watchToastLifetime, type Toast } from '../../../src-renderer/state/toast-queue';
import { cleared, fired, spike } from '../../helpers/watch-events';

const toast = (id: number, lifetimeMs: number | null, message = `toast ${id}`): Toast => ({
  id,
  kind: lifetimeMs === null ? 'alert' : 'info',
  message,
  lifetimeMs,
});

describe('toast queue', () => {
  it('keeps a fired alert until dismissed and lets cleared alerts and anomalies go after 10 s', () => {
    expect(watchToastLifetime(fired(0, 1))).toBeNull();
    expect(watchToastLifetime(cleared(0, 1))).toBe(10_000);
    expect(watchToastLifetime(spike(0, 1))).toBe(10_000);
    expect([fired(0, 1), cleared(0, 1), spike(0, 1)].map(watchToastKind)).toEqual(['alert', 'cleared', 'anomaly']);
  });

  it('replaces an earlier copy of the same message', () => {
    const stack = queueToast([toast(1, 4_000, 'same'), toast(2, null)], toast(3, 4_000, 'same'));
    expect(stack.map((item) => item.id)).toEqual([2, 3]);
  });

  it('past the limit drops the oldest toast that leaves by itself before any fired alert', () => {
    const stack = queueToast([toast(1, null), toast(2, null), toast(3, 10_000), toast(4, null)], toast(5, null));
    expect(stack.map((item) => item.id)).toEqual([1, 2, 4, 5]);
  });

  it('drops the oldest fired alert when every toast stays until dismissed, never the new one', () => {
    const stack = queueToast([toast(1, null), toast(2, null)], toast(3, 10_000), 2);
    expect(stack.map((item) => item.id)).toEqual([2, 3]);
  });
});
