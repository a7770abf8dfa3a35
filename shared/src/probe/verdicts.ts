/** A verdict per cache mode for the probed image, from what was measured. Pure. */
import { CACHE_MODES, type CacheModeName } from '../modes';
import type { DirectIOInfo, FilesystemInfo, Latencies, LatencyStats, ModeVerdict, QemuIoCheck } from './types';

/**
 * A synchronous 4 KiB write taking 2 ms or more (at most ~500 per second, ~2 MB/s) makes a
 * sync mode noticeably slow for a guest: rotating disks, network storage, or a device without
 * a write cache. Flash and battery-backed controllers answer in well under a millisecond.
 */
export const SLOW_SYNC_WRITE_P50_US = 2000;

export interface VerdictInput {
  kind: 'file' | 'block';
  filesystem: FilesystemInfo;
  directIO: DirectIOInfo;
  qemuIo: QemuIoCheck | null;
  latency: Latencies;
}

export function fsLabel(fs: FilesystemInfo): string {
  return fs.fuseSubtype ? `fuse.${fs.fuseSubtype}` : fs.type;
}

export function us(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} ms` : `${Math.round(n)} µs`;
}

export function describeStats(name: string, s: LatencyStats | null): string {
  if (!s) return `${name}: not measured`;
  return `${name} p50 ${us(s.p50Us)}, p99 ${us(s.p99Us)} over ${s.count} ops`;
}

export function directIOFailure(input: Pick<VerdictInput, 'directIO' | 'qemuIo' | 'filesystem'>): string {
  const own = input.directIO.error ?? `${fsLabel(input.filesystem)} does not support O_DIRECT`;
  const qemu = input.qemuIo && !input.qemuIo.native && input.qemuIo.nativeMessage ? `; qemu-io says: ${input.qemuIo.nativeMessage}` : '';
  return `QEMU will refuse to start: ${own}${qemu}`;
}

function migration(mode: CacheModeName, input: VerdictInput): { safe: boolean; reason: string } {
  const direct = CACHE_MODES[mode].flags.direct;
  const refused = `libvirt refuses live migration with cache='${mode}' here ("Migration may lead to data corruption if disks use cache other than none or directsync") unless the disk is <shareable/> or QEMU can drop its page cache on migration`;
  if (input.kind === 'block') {
    return direct
      ? { safe: true, reason: `libvirt lets a block device migrate with cache='${mode}'; it does not check that the destination sees the same device` }
      : { safe: false, reason: refused };
  }
  const fs = fsLabel(input.filesystem);
  if (input.filesystem.cluster) {
    return { safe: true, reason: `${fs} is a cluster file system: libvirt lets every cache mode migrate` };
  }
  if (!input.filesystem.shared) {
    return {
      safe: false,
      reason: `${fs} is not shared storage: libvirt refuses live migration ("Migration without shared storage is unsafe") unless the storage is copied (--copy-storage-all)`,
    };
  }
  return direct ? { safe: true, reason: `${fs} is shared storage and cache='${mode}' bypasses the host page cache` } : { safe: false, reason: refused };
}

function syncVerdict(stats: LatencyStats | null, what: string, base: string): Pick<ModeVerdict, 'verdict' | 'reason'> {
  if (!stats) return { verdict: 'works', reason: `${base} (${what}: not measured)` };
  const perSecond = Math.round(1e6 / Math.max(1, stats.p50Us));
  const measured = `${describeStats(what, stats)}, about ${perSecond} synchronous writes/s`;
  return stats.p50Us >= SLOW_SYNC_WRITE_P50_US
    ? { verdict: 'slow', reason: `every guest write waits for the storage, and that is slow here: ${measured}` }
    : { verdict: 'works', reason: `${base}: ${measured}` };
}

function startingVerdict(mode: CacheModeName, input: VerdictInput): Pick<ModeVerdict, 'verdict' | 'reason'> {
  const { latency } = input;
  if (CACHE_MODES[mode].flags.direct && !input.directIO.supported) {
    return { verdict: 'refuses-to-start', reason: directIOFailure(input) };
  }
  switch (mode) {
    case 'writeback':
      return {
        verdict: 'works',
        reason: `host page cache; each guest flush costs an fdatasync (${describeStats('write+fdatasync', latency.writeFdatasync)})`,
      };
    case 'writethrough':
      return syncVerdict(latency.writeFdatasync, 'write+fdatasync', 'every write is synchronous');
    case 'none':
      return {
        verdict: 'works',
        reason: `O_DIRECT works (alignment ${input.directIO.alignment ?? '?'} B); ${describeStats('direct 4 KiB reads', latency.directRead)} vs ${describeStats('buffered', latency.bufferedRead)}`,
      };
    case 'directsync':
      return syncVerdict(latency.directDsyncWrite, 'O_DIRECT|O_DSYNC writes', 'O_DIRECT and every write synchronous');
    case 'unsafe':
      return { verdict: 'works', reason: 'starts, but ignores guest flushes: a host crash can lose anything; never for data you keep' };
  }
}

export function modeVerdicts(input: VerdictInput): Record<CacheModeName, ModeVerdict> {
  const entries = (Object.keys(CACHE_MODES) as CacheModeName[]).map((mode): [CacheModeName, ModeVerdict] => {
    const start = startingVerdict(mode, input);
    const move = migration(mode, input);
    return [
      mode,
      { starts: start.verdict !== 'refuses-to-start', migrationSafe: move.safe, verdict: start.verdict, reason: start.reason, migrationReason: move.reason },
    ];
  });
  return Object.fromEntries(entries) as Record<CacheModeName, ModeVerdict>;
}
