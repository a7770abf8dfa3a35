/**
 * The flags QEMU really uses for a disk, and which option decided each one.
 *
 * `writeback` is what the guest device sees (QEMU's BlockBackend); `direct` and `noFlush` are those
 * of the protocol node that opens the image, after inheritance from its parents (`block.c`
 * `bdrv_inherited_options`): that node does the I/O. `query-block` shows the root node instead, which
 * differs when a filter such as `throttle` sits on top without cache options.
 */
import type { BlockNode, Disk, Setting } from './model';
import {
  AIO_MODES,
  CACHE_MODES,
  CACHE_MODE_ALIASES,
  DEFAULT_AIO_MODE,
  DEFAULT_CACHE_MODE,
  modeOfFlags,
  parseQemuBool,
  type AioModeName,
  type CacheFlags,
  type CacheMode,
  type CacheModeName,
} from './modes';

/** Which setting decided a flag; `setting` is null when a default or an implication did. */
export interface FlagSource {
  setting: Setting | null;
  /** In words, e.g. `cache='none'`, `write-cache=off on the device`, `QEMU default`. */
  reason: string;
}

export interface EffectiveCache extends CacheFlags {
  /** The named cache mode with exactly these flags, if any. */
  mode: CacheModeName | undefined;
  aio: AioModeName;
  /**
   * O_DIRECT on the image itself. Equals `direct` except with `-snapshot`, where guest writes go to a
   * temporary overlay that always runs as cache=unsafe while the image below keeps the drive's mode.
   */
  imageDirect: boolean;
  /** Writes go to a throw-away overlay (`-snapshot`, `snapshot=on`). */
  snapshotOverlay: boolean;
  provenance: { writeback: FlagSource; direct: FlagSource; noFlush: FlagSource; aio: FlagSource };
}

/** A cache-mode word as written, resolved through aliases; undefined for unknown words. */
export function cacheModeOf(setting: Setting | null): CacheMode | null | undefined {
  if (!setting) return null;
  const word = setting.value.trim();
  if (word in CACHE_MODE_ALIASES) {
    const alias = CACHE_MODE_ALIASES[word];
    return alias ? CACHE_MODES[alias] : null;
  }
  return (CACHE_MODES as Record<string, CacheMode>)[word];
}

export function aioModeOf(setting: Setting | null): AioModeName | undefined {
  if (!setting) return DEFAULT_AIO_MODE;
  const word = setting.value.trim();
  if (word === 'default') return DEFAULT_AIO_MODE;
  return word in AIO_MODES ? (word as AioModeName) : undefined;
}

export function effectiveCache(disk: Disk): EffectiveCache {
  return disk.syntax === 'libvirt-xml' ? fromLibvirt(disk) : fromQemu(disk);
}

function describe(s: Setting): string {
  return s.form === 'xml' ? `${s.key}='${s.value}'` : s.form === 'json' ? `"${s.key}": ${s.value}` : `${s.key}=${s.value}`;
}

const DEFAULT_FLAGS = CACHE_MODES[DEFAULT_CACHE_MODE].flags;

function finish(
  flags: CacheFlags,
  imageDirect: boolean,
  snapshotOverlay: boolean,
  provenance: EffectiveCache['provenance'],
  aio: AioModeName,
): EffectiveCache {
  return { ...flags, mode: modeOfFlags(flags), aio, imageDirect, snapshotOverlay, provenance };
}

/**
 * libvirt writes a set `cache` as `cache.direct`/`cache.no-flush` on the storage and format nodes and
 * `write-cache` on the device (not for `device='lun'`); an absent one emits nothing, so QEMU's defaults
 * apply (`qemuDomainDiskCachemodeFlags`).
 */
function fromLibvirt(disk: Disk): EffectiveCache {
  const written = cacheModeOf(disk.cache) ?? undefined;
  // A writable <shareable/> disk without a mode gets cache=none from libvirt (test pair disk-shared:
  // "direct":true; older libvirt's qemuBuildDriveStr appended ",cache=none").
  const sharedDefault = !written && disk.shareable !== null && disk.readonly === null;
  const mode = written ?? (sharedDefault ? CACHE_MODES.none : undefined);
  const flags = mode ? { ...mode.flags } : { ...DEFAULT_FLAGS };
  const cacheSource: FlagSource = written && disk.cache
    ? { setting: disk.cache, reason: describe(disk.cache) }
    : sharedDefault
      ? { setting: disk.shareable, reason: '<shareable/> without a cache mode: libvirt uses cache=none' }
      : { setting: null, reason: 'no cache mode set: QEMU default (writeback)' };
  let writebackSource = cacheSource;
  if (disk.deviceKind === 'lun' && mode) {
    // scsi-block passes the guest's cache commands to the real device: libvirt sets no write-cache.
    flags.writeback = true;
    writebackSource = { setting: null, reason: "device='lun': the guest talks to the real device's cache" };
  }
  const aio = aioModeOf(disk.aio) ?? DEFAULT_AIO_MODE;
  const aioSource: FlagSource = disk.aio && aioModeOf(disk.aio) ? { setting: disk.aio, reason: describe(disk.aio) } : { setting: null, reason: 'QEMU default (threads)' };
  return finish(flags, flags.direct, false, { writeback: writebackSource, direct: cacheSource, noFlush: cacheSource, aio: aioSource }, aio);
}

function fromQemu(disk: Disk): EffectiveCache {
  const driveMode = cacheModeOf(disk.cache) ?? undefined;
  const direct = nodeFlag(disk, 'direct', driveMode);
  const noFlush = nodeFlag(disk, 'noFlush', driveMode);
  const writeback = guestWriteback(disk, driveMode);
  const aio = aioModeOf(disk.aio) ?? DEFAULT_AIO_MODE;
  const aioSource: FlagSource = disk.aio && aioModeOf(disk.aio) ? { setting: disk.aio, reason: describe(disk.aio) } : { setting: null, reason: 'QEMU default (threads)' };
  const snapshot = disk.snapshot !== null && parseQemuBool(disk.snapshot.value) !== false;
  if (snapshot) {
    // bdrv_temp_snapshot_options: the overlay is always cache=unsafe.
    const overlay: FlagSource = { setting: disk.snapshot, reason: 'writes go to a temporary snapshot overlay, which runs as cache=unsafe' };
    return finish({ writeback: writeback.value, direct: false, noFlush: true }, direct.value, true, { writeback: writeback.source, direct: overlay, noFlush: overlay, aio: aioSource }, aio);
  }
  return finish(
    { writeback: writeback.value, direct: direct.value, noFlush: noFlush.value },
    direct.value,
    false,
    { writeback: writeback.source, direct: direct.source, noFlush: noFlush.source, aio: aioSource },
    aio,
  );
}

interface Decided {
  value: boolean;
  source: FlagSource;
}

const FLAG_KEYS = { direct: 'cache.direct', noFlush: 'cache.no-flush' } as const;

/** Walk from the protocol node up to the root: the first node that sets the flag decides it. */
function nodeFlag(disk: Disk, flag: 'direct' | 'noFlush', driveMode: CacheMode | undefined): Decided {
  const key = FLAG_KEYS[flag];
  for (let i = disk.nodes.length - 1; i >= 0; i--) {
    const own = ownSetting(disk.nodes[i], key);
    const value = own ? parseQemuBool(own.value) : undefined;
    if (own && value !== undefined) {
      const inherited = i < disk.nodes.length - 1 ? ' (inherited by the node that opens the image)' : '';
      return { value, source: { setting: own, reason: describe(own) + inherited } };
    }
  }
  // On -drive the explicit cache.* options are drive-level and beat cache= in either order.
  const explicit = flag === 'direct' ? disk.cacheDirect : disk.cacheNoFlush;
  const explicitValue = explicit ? parseQemuBool(explicit.value) : undefined;
  if (explicit && explicitValue !== undefined) return { value: explicitValue, source: { setting: explicit, reason: describe(explicit) } };
  if (driveMode && disk.cache) return { value: driveMode.flags[flag], source: { setting: disk.cache, reason: describe(disk.cache) } };
  return { value: false, source: { setting: null, reason: `QEMU default (${key}=off)` } };
}

function ownSetting(node: BlockNode, key: string): Setting | undefined {
  const full = node.prefix + key;
  // The last occurrence wins, as QEMU's option parsing keeps the last value.
  for (let i = node.group.settings.length - 1; i >= 0; i--) {
    if (node.group.settings[i].key === full) return node.group.settings[i];
  }
  return undefined;
}

function guestWriteback(disk: Disk, driveMode: CacheMode | undefined): Decided {
  const wc = disk.writeCache;
  const wcValue = wc ? parseQemuBool(wc.value) : undefined;
  if (wc && wcValue !== undefined) return { value: wcValue, source: { setting: wc, reason: `${describe(wc)} on the device` } };
  const explicit = disk.cacheWriteback;
  const explicitValue = explicit ? parseQemuBool(explicit.value) : undefined;
  if (explicit && explicitValue !== undefined) return { value: explicitValue, source: { setting: explicit, reason: describe(explicit) } };
  if (driveMode && disk.cache) return { value: driveMode.flags.writeback, source: { setting: disk.cache, reason: describe(disk.cache) } };
  return { value: true, source: { setting: null, reason: 'QEMU default: the guest sees a write cache' } };
}
