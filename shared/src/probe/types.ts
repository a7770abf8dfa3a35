/**
 * The probe's report: what was measured on the host about the image a disk points at.
 * `vmdisk probe --json` prints exactly this object.
 */
import type { AioModeName, CacheModeName } from '../modes';

export type ImageFormat = 'qcow2' | 'qcow' | 'raw' | 'vmdk' | 'vdi' | 'vhdx' | 'qed';

export interface FormatDetails {
  /** qcow/qcow2 header version (bytes 4..8, big-endian). */
  version?: number;
  /** Backing file name as stored in the header (relative names are relative to the image). */
  backingFile?: string | null;
  /** Virtual disk size from the header, in bytes. */
  virtualSize?: number;
}

export interface SymlinkHop {
  link: string;
  target: string;
}

export interface FilesystemInfo {
  /** Name from /proc/self/mountinfo, else from the statfs magic table; `unknown` when neither knows it. */
  type: string;
  /** statfs `f_type` as hex, e.g. `0xef53`. */
  magic: string;
  /** libvirt counts it as shared storage (`virFileIsSharedFSType`). */
  shared: boolean;
  /** libvirt counts it as a coherent cluster file system (`virFileIsClusterFS`): every cache mode migrates. */
  cluster: boolean;
  /** For FUSE mounts: the subtype (`glusterfs`, `quobyte`, `sshfs`, …). */
  fuseSubtype?: string;
  mountPoint: string | null;
  /** statfs `f_bsize`. */
  blockSize: number;
}

export interface DirectIOInfo {
  supported: boolean;
  /** Smallest read size at offset 0 that O_DIRECT accepted, with a page-aligned buffer. */
  alignment: number | null;
  /** How the alignment was found: by reads, or a fallback when reads cannot tell (empty image). */
  alignmentSource?: 'reads' | 'logical-block-size' | 'fs-block-size';
  error?: string;
}

export interface QemuIoCheck {
  /** `qemu-io -r -n -i native` (cache=none, aio=native) opened and read the image. */
  native: boolean;
  /** `qemu-io -r -i io_uring` opened and read the image. */
  ioUring: boolean;
  /** QEMU's own words when it refused (native first), else null. */
  message: string | null;
  nativeMessage: string | null;
  ioUringMessage: string | null;
  /** A run was killed at its time limit (its `message` says so). */
  timedOut: boolean;
  /** The qemu-io binary used. */
  binary: string;
}

export interface LatencyStats {
  p50Us: number;
  p95Us: number;
  p99Us: number;
  mbPerSec: number;
  count: number;
  /** Bytes per operation. */
  blockSize: number;
  pattern: 'random' | 'sequential';
}

export interface Latencies {
  /** 4 KiB O_DIRECT reads at random aligned offsets. */
  directRead: LatencyStats | null;
  /** Large O_DIRECT reads from offset 0 on. */
  directReadSequential: LatencyStats | null;
  /** 4 KiB buffered reads at the same offsets as `directRead`. */
  bufferedRead: LatencyStats | null;
  bufferedReadSequential: LatencyStats | null;
  /** 4 KiB writes to an O_DSYNC scratch file. */
  dsyncWrite: LatencyStats | null;
  /** 4 KiB writes to an O_DIRECT|O_DSYNC scratch file (what directsync costs). */
  directDsyncWrite: LatencyStats | null;
  /** 4 KiB write followed by fdatasync (what a guest flush or writethrough costs). */
  writeFdatasync: LatencyStats | null;
}

export type ModeVerdictKind = 'works' | 'refuses-to-start' | 'slow';

export interface ModeVerdict {
  /** QEMU opens the image with this mode. */
  starts: boolean;
  /** libvirt lets a live migration through with this mode on this storage (`qemuMigrationSrcIsSafe`). */
  migrationSafe: boolean;
  verdict: ModeVerdictKind;
  reason: string;
  migrationReason: string;
}

export interface Recommendation {
  text: string;
  cache: CacheModeName;
  io: AioModeName;
}

export interface ProbeReport {
  /** Resolved real path. */
  path: string;
  /** The path as given (before resolving). */
  requestedPath: string;
  kind: 'file' | 'block';
  /** Bytes (for a block device: the device size). */
  size: number;
  /** Bytes actually allocated on storage. */
  allocated: number;
  sparse: boolean;
  symlinks: SymlinkHop[];
  filesystem: FilesystemInfo;
  directIO: DirectIOInfo;
  format: ImageFormat;
  formatDetails: FormatDetails;
  /** Only raw and qcow2 images can live-migrate (vendor guidance). */
  migratableFormat: boolean;
  qemuIo: QemuIoCheck | null;
  modes: Record<CacheModeName, ModeVerdict>;
  latency: Latencies;
  recommendation: Recommendation;
  notes: string[];
  /** The time limit the probe ran under, and whether it cut a step short (see `notes` for which). */
  timeLimitMs: number;
  timedOut: boolean;
  elapsedMs: number;
}

export interface ProbeOptions {
  /** Whole-probe time limit; default 10 000 ms. */
  timeLimitMs?: number;
  /** qemu-io binary; default: found on PATH; null: do not run it. */
  qemuIoPath?: string | null;
  signal?: AbortSignal;
  onProgress?: (message: string, percent?: number) => void;
  /** Relative paths are resolved against it (the document's directory); default: the process cwd. */
  baseDir?: string;
}
