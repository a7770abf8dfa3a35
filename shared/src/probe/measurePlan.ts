/** How much the probe reads and writes: offsets and sizes, bounded in operations and bytes. */

export const LIMITS = {
  /** Random reads: small blocks, the latency a guest's scattered I/O sees. */
  randomReadBlock: 4096,
  randomReadOps: 2000,
  /** Sequential reads: large blocks, the throughput of a streaming read. */
  sequentialReadBlock: 256 * 1024,
  sequentialReadBytes: 24 * 1024 * 1024,
  /** Writes go to a scratch file of this size, overwritten in place. */
  scratchBytes: 1024 * 1024,
  writeBlock: 4096,
  writeOps: 1000,
} as const;

/** Reads per probe: two random and two sequential runs (direct and buffered), at most 64 MiB. */
export const MAX_READ_BYTES = 2 * LIMITS.randomReadBlock * LIMITS.randomReadOps + 2 * LIMITS.sequentialReadBytes;

/** A deterministic generator (mulberry32), so a probe's offsets can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Block-aligned offsets chosen at random within the first `size` bytes (one block at 0 for a smaller file). */
export function randomOffsets(size: number, block: number, count: number, random: () => number): number[] {
  if (size <= 0 || count <= 0) return [];
  const blocks = Math.floor(size / block);
  if (blocks <= 1) return [0];
  return Array.from({ length: count }, () => Math.floor(random() * blocks) * block);
}

/** Consecutive blocks from offset 0, covering at most `maxBytes` and no more than the file. */
export function sequentialOffsets(size: number, block: number, maxBytes: number): number[] {
  if (size <= 0) return [];
  const count = Math.max(1, Math.floor(Math.min(size, maxBytes) / block));
  return Array.from({ length: count }, (_, i) => i * block);
}

/** The smallest block a direct transfer may use: a multiple of the alignment, at least `preferred`. */
export function alignedBlock(preferred: number, alignment: number): number {
  return Math.ceil(preferred / alignment) * alignment;
}
