import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../server/src/cli/fleet/limiter';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('createLimiter', () => {
  it('runs at most N tasks at once, in the order asked, and runs them all', async () => {
    const limit = createLimiter(3);
    const gates = Array.from({ length: 10 }, deferred);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = Promise.all(gates.map((gate, i) => limit(async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await gate.promise;
      running--;
      return i * 2;
    })));
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[1].resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    // A newcomer asking while a slot is being handed over must not get a fourth slot.
    gates[0].resolve();
    const late = limit(async () => {
      started.push(99);
      return -1;
    });
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const g of gates) g.resolve();
    expect(await all).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(await late).toBe(-1);
    expect(started.at(-1)).toBe(99);
    expect(peak).toBe(3);
  });

  it('frees the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });
});
