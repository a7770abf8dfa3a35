/**
 * The collection after work: once per quiet spell, never while work keeps coming, and with a real
 * `gc` that frees what nothing references.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectGarbage, IdleCollector, QUIET_MS } from '../../server/src/lsp/idleCollector';

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

  it('gives back the pages of the old generation that the garbage it frees leaves empty', () => {
    const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!;
    collectGarbage();
    // Many small objects that reach the old generation, then die but for a few among them, as
    // the analyses of 200 keystrokes do: one collection leaves the pages they were on taken.
    let all: number[][] | undefined = [];
    for (let i = 0; i < 40_000; i++) all.push(new Array(64).fill(i));
    collectGarbage();
    const survivors = all.filter((_, i) => i % 50 === 0);
    const used = oldSpace().space_used_size;
    all = undefined;
    collectGarbage();
    const after = oldSpace();
    expect(used - after.space_used_size).toBeGreaterThan(15 * 1024 * 1024);
    expect(after.space_size - after.space_used_size).toBeLessThan(4 * 1024 * 1024);
    expect(survivors).toHaveLength(800);
  });
});
