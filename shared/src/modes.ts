/**
 * The one table of cache and AIO modes. Everything else (effective flags, hover, completion,
 * rule messages, the probe's verdicts) reads from here.
 *
 * Flags as QEMU reduces every cache setting (`block.c` `bdrv_parse_cache_mode`):
 *   writeback — the guest sees a volatile write cache and must flush;
 *   direct    — the image is opened with O_DIRECT (host page cache bypassed);
 *   noFlush   — guest flushes are ignored.
 */

export interface CacheFlags {
  writeback: boolean;
  direct: boolean;
  noFlush: boolean;
}

export type CacheModeName = 'writeback' | 'writethrough' | 'none' | 'directsync' | 'unsafe';

export interface CacheMode {
  name: CacheModeName;
  flags: CacheFlags;
  /** One line for completion lists. */
  summary: string;
  hostPageCache: boolean;
  /** Writes complete only once on storage (QEMU opens with O_DSYNC semantics when writeback is off). */
  dsync: boolean;
  /** What a host crash or power loss can take. */
  onHostCrash: string;
  /** libvirt's migration check (`qemuMigrationSrcIsSafe`) lets this mode through on non-cluster shared storage. */
  migrationSafe: boolean;
  /** When to choose it. */
  useWhen: string;
}

export const CACHE_MODES: Record<CacheModeName, CacheMode> = {
  writeback: {
    name: 'writeback',
    flags: { writeback: true, direct: false, noFlush: false },
    summary: 'host page cache, guest sees a write cache and must flush (QEMU default)',
    hostPageCache: true,
    dsync: false,
    onHostCrash: 'writes the guest has not flushed yet',
    migrationSafe: false,
    useWhen: 'Development hosts and guests that flush; reads profit from the host page cache.',
  },
  writethrough: {
    name: 'writethrough',
    flags: { writeback: false, direct: false, noFlush: false },
    summary: 'host page cache for reads, every write synchronous (O_DSYNC)',
    hostPageCache: true,
    dsync: true,
    onHostCrash: 'nothing that was reported written',
    migrationSafe: false,
    useWhen: 'Guests that may never flush (old kernels, some appliances) when O_DIRECT is not available.',
  },
  none: {
    name: 'none',
    flags: { writeback: true, direct: true, noFlush: false },
    summary: 'O_DIRECT, host page cache bypassed, guest must flush',
    hostPageCache: false,
    dsync: false,
    onHostCrash: 'writes the guest has not flushed yet (held by the storage device)',
    migrationSafe: true,
    useWhen: 'Production: least copying, live-migration safe, needed for aio=native.',
  },
  directsync: {
    name: 'directsync',
    flags: { writeback: false, direct: true, noFlush: false },
    summary: 'O_DIRECT and every write synchronous',
    hostPageCache: false,
    dsync: true,
    onHostCrash: 'nothing that was reported written',
    migrationSafe: true,
    useWhen: 'Production guests that may never flush; slowest writes, safest.',
  },
  unsafe: {
    name: 'unsafe',
    flags: { writeback: true, direct: false, noFlush: true },
    summary: 'host page cache and guest flushes ignored: fast, may lose anything',
    hostPageCache: true,
    dsync: false,
    onHostCrash: 'anything written since the guest started, file-system metadata included',
    migrationSafe: false,
    useWhen: 'Throw-away guests and OS installs only — never data you want to keep.',
  },
};

/** What QEMU uses when no cache mode is given (QEMU ≥ 1.2; older qemu-kvm used writethrough). */
export const DEFAULT_CACHE_MODE: CacheModeName = 'writeback';

/** Spellings that mean a mode: QEMU accepts `off` for `none`; libvirt writes `default` for "not set". */
export const CACHE_MODE_ALIASES: Record<string, CacheModeName | null> = {
  off: 'none',
  default: null,
};

export function cacheModeByName(word: string): CacheMode | undefined {
  // Own keys only: `constructor` or `__proto__` typed as a value must not find Object's members.
  return Object.hasOwn(CACHE_MODES, word) ? CACHE_MODES[word as CacheModeName] : undefined;
}

/** The named mode whose flags these are, if any. */
export function modeOfFlags(flags: CacheFlags): CacheModeName | undefined {
  return (Object.keys(CACHE_MODES) as CacheModeName[]).find((n) => {
    const f = CACHE_MODES[n].flags;
    return f.writeback === flags.writeback && f.direct === flags.direct && f.noFlush === flags.noFlush;
  });
}

export type AioModeName = 'threads' | 'native' | 'io_uring';

export interface AioMode {
  name: AioModeName;
  summary: string;
  needsDirect: boolean;
  /** First versions that accept it. */
  since: { qemu: string; libvirt: string };
}

export const AIO_MODES: Record<AioModeName, AioMode> = {
  threads: {
    name: 'threads',
    summary: 'a pool of host threads does blocking I/O (QEMU default)',
    needsDirect: false,
    since: { qemu: '0.0', libvirt: '0.8.8' },
  },
  native: {
    name: 'native',
    summary: 'Linux native AIO; needs O_DIRECT (cache none or directsync)',
    needsDirect: true,
    since: { qemu: '0.0', libvirt: '0.8.8' },
  },
  io_uring: {
    name: 'io_uring',
    summary: 'Linux io_uring; works with or without O_DIRECT',
    needsDirect: false,
    since: { qemu: '5.0', libvirt: '6.3.0' },
  },
};

export const DEFAULT_AIO_MODE: AioModeName = 'threads';

/** Values of the other disk attributes and options, for validation and completion. */
export const VALUE_SETS = {
  /** XML `cache=`: libvirt adds `default`. */
  xmlCache: ['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe'],
  /** QEMU `-drive cache=`: QEMU also accepts `off` as an alias for `none`. */
  qemuCache: ['none', 'off', 'writethrough', 'writeback', 'directsync', 'unsafe'],
  xmlIo: ['default', 'threads', 'native', 'io_uring'],
  qemuAio: ['threads', 'native', 'io_uring'],
  xmlDiscard: ['default', 'unmap', 'ignore'],
  qemuDiscard: ['ignore', 'off', 'unmap', 'on'],
  xmlDetectZeroes: ['default', 'off', 'on', 'unmap'],
  qemuDetectZeroes: ['off', 'on', 'unmap'],
  xmlOnOff: ['on', 'off'],
  /** QEMU's `qapi_bool_parse`: lowercase only; `1`, `0` and `ON` are refused (observed). */
  qemuBool: ['on', 'off', 'true', 'false', 'yes', 'no', 'y', 'n'],
  writeCache: ['on', 'off', 'auto'],
} as const;

/** QEMU's boolean spellings (`qapi/qobject-input-visitor` accepts these for key=value options). */
export function parseQemuBool(word: string): boolean | undefined {
  if (word === 'on' || word === 'yes' || word === 'true' || word === 'y') return true;
  if (word === 'off' || word === 'no' || word === 'false' || word === 'n') return false;
  return undefined;
}
