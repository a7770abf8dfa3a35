/**
 * The collection after work: once per quiet spell, never while work keeps coming, and with a real
 * `gc` that frees what nothing references.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleCollector, QUIET_MS } from '../../server/src/lsp/idleCollector';

describe('IdleCollector', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once, after the work has stopped for the quiet spell', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const idle = new IdleCollector(collect, 100);
    for (let i = 0; i < 10; i++) {
      idle.worked();
      vi.advanceTimersByTime(60);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
    idle.worked();
    vi.advanceTimersByTime(100);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('does not keep the process alive while it waits', () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const collect = vi.fn();
    const idle = new IdleCollector(collect, QUIET_MS);
    idle.worked();
    // (a ref'd timer would be counted)
    expect(timers()).toBe(before);
  });

  it('by default runs V8’s collector, which frees an object nothing references', async () => {
    const idle = new IdleCollector(undefined, 1);
    let garbage: object | undefined = { big: new Array(1000).fill(0) };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef target is kept until the end of the current job; let it end.
    await new Promise((resolve) => setTimeout(resolve, 0));
    idle.worked();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ref.deref()).toBeUndefined();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
