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

function consume(result) {
  if (result && typeof result === 'object') return Object.keys(result).length;
  return typeof result === 'number' ? result : 0;
}

export const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
