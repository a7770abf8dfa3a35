/** Latency percentiles and throughput from measured samples. */
import type { LatencyStats } from './types';

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * @param samplesUs per-operation latencies in microseconds
 * @param bytes bytes moved by all operations
 * @param elapsedUs wall time of the whole run (so throughput includes gaps between operations)
 */
export function summarize(
  samplesUs: readonly number[],
  bytes: number,
  elapsedUs: number,
  blockSize: number,
  pattern: LatencyStats['pattern'],
): LatencyStats | null {
  if (samplesUs.length === 0) return null;
  const sorted = [...samplesUs].sort((a, b) => a - b);
  return {
    p50Us: round1(percentile(sorted, 50)),
    p95Us: round1(percentile(sorted, 95)),
    p99Us: round1(percentile(sorted, 99)),
    mbPerSec: elapsedUs > 0 ? round1(bytes / elapsedUs) : 0,
    count: sorted.length,
    blockSize,
    pattern,
  };
}
