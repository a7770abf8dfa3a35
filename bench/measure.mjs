/** Timing helpers: warm-up, then medians of many interleaved runs; percentiles of samples. */

/** Value at quantile q (0..1) of the sorted samples, by nearest rank. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * Time several synchronous contenders on the same input: `warmup` untimed rounds (so the JIT has
 * compiled every hot path), then rounds in which each contender runs once, in turn, until both
 * `minRounds` and `minMs` are reached. Interleaving makes a burst of load on the machine hit all
 * contenders alike, so the ratios stay fair. Returns milliseconds per call, by contender name.
 */
export function compare(contenders, { warmup = 15, minRounds = 100, minMs = 4000 } = {}) {
  let sink = 0;
  for (let i = 0; i < warmup; i++) for (const c of contenders) sink ^= consume(c.run());
  const samples = contenders.map(() => []);
  const started = performance.now();
  for (let round = 0; round < minRounds || performance.now() - started < minMs; round++) {
    contenders.forEach((c, i) => {
      const t0 = performance.now();
      sink ^= consume(c.run());
      samples[i].push(performance.now() - t0);
    });
  }
  // Uses the results, so the engine cannot drop the work as dead code.
  if (sink === 0.5) console.log('');
  return contenders.map((c, i) => ({ name: c.name, ...summarize(samples[i]) }));
}

/**
 * Each contender alone for a block of calls, blocks taking turns (`rounds` each): the mean per
 * call of a block includes the garbage collections the contender's own allocations cause. In
 * `compare`, a collection triggered by one contender's garbage often runs during another's call,
 * and a contender that keeps a large result alive (a disk model) makes every young-generation
 * collection that lands in its calls copy that result: interleaved medians spread those costs
 * over all contenders, blocks charge them to whoever caused them.
 */
export function compareBlocks(contenders, { warmup = 15, rounds = 5, blockMs = 800 } = {}) {
  let sink = 0;
  for (let i = 0; i < warmup; i++) for (const c of contenders) sink ^= consume(c.run());
  const means = contenders.map(() => []);
  const calls = contenders.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach((c, i) => {
      let n = 0;
      const t0 = performance.now();
      let elapsed = 0;
      while (elapsed < blockMs || n < 10) {
        sink ^= consume(c.run());
        n++;
        elapsed = performance.now() - t0;
      }
      means[i].push(elapsed / n);
      calls[i] += n;
    });
  }
  if (sink === 0.5) console.log('');
  return contenders.map((c, i) => {
    const sorted = [...means[i]].sort((a, b) => a - b);
    return { name: c.name, meanPerCall: quantile(sorted, 0.5), blocks: sorted, calls: calls[i] };
  });
}

function consume(result) {
  if (result && typeof result === 'object') return Object.keys(result).length;
  return typeof result === 'number' ? result : 0;
}

export const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
