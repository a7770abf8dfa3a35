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
  cacheModeByName,
  modeOfFlags,
  parseQemuBool,
  type AioModeName,
  type CacheFlags,
  type CacheMode,
  type CacheModeName,
} from './modes';

/**
 * Which setting decided a flag; `setting` is null when a default or an implication did. The
 * wording is built only when asked for (hover), since analysis creates four of these per disk.
 */
export class FlagSource {
  constructor(
    readonly setting: Setting | null,
    /** Fixed text instead of the setting's spelling, or a suffix after it. */
    private readonly note: string,
    private readonly noteIsSuffix = false,
  ) {}

  /** In words, e.g. `cache='none'`, `write-cache=off on the device`, `QEMU default`. */
  get reason(): string {
    if (!this.setting || !this.noteIsSuffix) return this.note || (this.setting ? describe(this.setting) : '');
    return describe(this.setting) + this.note;
  }
}

const ofSetting = (s: Setting, suffix = '') => new FlagSource(s, suffix, true);

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
  /**
   * A setting these flags depend on whose value a shell expansion decides (`cache=$CACHE`): the
   * flags are worked out as if it were not written, and rules that judge them say nothing.
   */
  shellDecided: Setting | null;
}

/**
 * Every cache-mode word that means something, aliases first (`default` means none is set), so a
 * disk's word is one lookup. A Map: a word such as `constructor` must not find Object's members.
 */
const CACHE_WORDS: ReadonlyMap<string, CacheMode | null> = (() => {
  const words = new Map<string, CacheMode | null>();
  for (const word of Object.keys(CACHE_MODE_ALIASES)) {
    const alias = CACHE_MODE_ALIASES[word];
    words.set(word, alias ? CACHE_MODES[alias] : null);
  }
  for (const name of Object.keys(CACHE_MODES)) if (!words.has(name)) words.set(name, cacheModeByName(name) ?? null);
  return words;
})();

/** The AIO words, `default` included. */
const AIO_WORDS: ReadonlyMap<string, AioModeName> = new Map([
  ['default', DEFAULT_AIO_MODE],
  ...(Object.keys(AIO_MODES) as AioModeName[]).map((name): [string, AioModeName] => [name, name]),
]);

/** A cache-mode word as written, resolved through aliases; undefined for unknown words. */
export function cacheModeOf(setting: Setting | null): CacheMode | null | undefined {
  if (!setting) return null;
  return CACHE_WORDS.get(setting.value.trim());
}

export function aioModeOf(setting: Setting | null): AioModeName | undefined {
  if (!setting) return DEFAULT_AIO_MODE;
  return AIO_WORDS.get(setting.value.trim());
}

export function effectiveCache(disk: Disk): EffectiveCache {
  if (disk.syntax === 'libvirt-xml') return fromLibvirt(disk);
  const effective = fromQemu(disk);
  effective.shellDecided = expandedDecider(disk);
  return effective;
}

/** The first setting of the cache and AIO options, on the drive, the device or any node, that a shell expansion decides. */
function expandedDecider(disk: Disk): Setting | null {
  for (const s of [disk.cache, disk.aio, disk.cacheDirect, disk.cacheNoFlush, disk.cacheWriteback, disk.writeCache, disk.globalWriteCache]) {
    if (s?.expanded) return s;
  }
  for (const node of disk.nodes) {
    for (const s of node.group.settings) {
      if (s.expanded && s.key.startsWith(node.prefix) && SHELL_DECIDABLE_KEYS.has(s.key.slice(node.prefix.length))) return s;
    }
  }
  return null;
}

const SHELL_DECIDABLE_KEYS = new Set(['cache', 'cache.direct', 'cache.no-flush', 'cache.writeback', 'aio']);

function describe(s: Setting): string {
  return s.form === 'xml' ? `${s.key}='${s.value}'` : s.form === 'json' ? `"${s.key}": ${s.value}` : `${s.key}=${s.value}`;
}

const DEFAULT_FLAGS = CACHE_MODES[DEFAULT_CACHE_MODE].flags;

function finish(
  writeback: boolean,
  direct: boolean,
  noFlush: boolean,
  imageDirect: boolean,
  snapshotOverlay: boolean,
  provenance: Provenance,
  aio: AioModeName,
): EffectiveCache {
  const mode = MODE_BY_FLAGS[(writeback ? 4 : 0) | (direct ? 2 : 0) | (noFlush ? 1 : 0)];
  return new Flags(writeback, direct, noFlush, mode, aio, imageDirect, snapshotOverlay, provenance);
}

// Made with `new`, not as literals: see model.ts.
class Flags implements EffectiveCache {
  shellDecided: Setting | null = null;
  constructor(
    public writeback: boolean,
    public direct: boolean,
    public noFlush: boolean,
    public mode: CacheModeName | undefined,
    public aio: AioModeName,
    public imageDirect: boolean,
    public snapshotOverlay: boolean,
    public provenance: Provenance,
  ) {}
}

class Provenance {
  constructor(
    public writeback: FlagSource,
    public direct: FlagSource,
    public noFlush: FlagSource,
    public aio: FlagSource,
  ) {}
}

/** The named mode of each flag combination, indexed by writeback·4 + direct·2 + noFlush. */
const MODE_BY_FLAGS: (CacheModeName | undefined)[] = Array.from({ length: 8 }, (_, bits) =>
  modeOfFlags({ writeback: (bits & 4) !== 0, direct: (bits & 2) !== 0, noFlush: (bits & 1) !== 0 }),
);

const DEFAULT_AIO_SOURCE = new FlagSource(null, 'QEMU default (threads)');

function aioSourceOf(disk: Disk, aio: AioModeName | undefined = aioModeOf(disk.aio)): FlagSource {
  return disk.aio && aio ? ofSetting(disk.aio) : DEFAULT_AIO_SOURCE;
}

/**
 * libvirt writes a set `cache` as `cache.direct`/`cache.no-flush` on the storage and format nodes and
 * `write-cache` on the device (not for `device='lun'`); an absent one emits nothing, so QEMU's defaults
 * apply (`qemuDomainDiskCachemodeFlags`).
 */
const NO_MODE_SOURCE = new FlagSource(null, 'no cache mode set: QEMU default (writeback)');
const LUN_SOURCE = new FlagSource(null, "device='lun': the guest talks to the real device's cache");

function fromLibvirt(disk: Disk): EffectiveCache {
  const written = cacheModeOf(disk.cache) ?? undefined;
  // A writable <shareable/> disk without a mode gets cache=none from libvirt (test pair disk-shared:
  // "direct":true; older libvirt's qemuBuildDriveStr appended ",cache=none").
  const sharedDefault = !written && disk.shareable !== null && disk.readonly === null;
  const mode = written ?? (sharedDefault ? CACHE_MODES.none : undefined);
  const flags = mode ? mode.flags : DEFAULT_FLAGS;
  const cacheSource = written && disk.cache
    ? ofSetting(disk.cache)
    : sharedDefault
      ? new FlagSource(disk.shareable, '<shareable/> without a cache mode: libvirt uses cache=none')
      : NO_MODE_SOURCE;
  // scsi-block passes the guest's cache commands to the real device: libvirt sets no write-cache.
  const lun = disk.deviceKind === 'lun' && mode !== undefined;
  const writtenAio = aioModeOf(disk.aio);
  return finish(
    lun || flags.writeback, flags.direct, flags.noFlush, flags.direct, false,
    new Provenance(lun ? LUN_SOURCE : cacheSource, cacheSource, cacheSource, aioSourceOf(disk, writtenAio)),
    writtenAio ?? DEFAULT_AIO_MODE,
  );
}

function fromQemu(disk: Disk): EffectiveCache {
  const driveMode = cacheModeOf(disk.cache) ?? undefined;
  const direct = nodeFlag(disk, 'direct', driveMode);
  const noFlush = nodeFlag(disk, 'noFlush', driveMode);
  const writeback = guestWriteback(disk, driveMode);
  const aio = aioModeOf(disk.aio) ?? DEFAULT_AIO_MODE;
  const aioSource = aioSourceOf(disk);
  if (disk.snapshot !== null && parseQemuBool(disk.snapshot.value) !== false) {
    // bdrv_temp_snapshot_options: the overlay is always cache=unsafe.
    const overlay = new FlagSource(disk.snapshot, 'writes go to a temporary snapshot overlay, which runs as cache=unsafe');
    return finish(writeback.value, false, true, direct.value, true, new Provenance(writeback.source, overlay, overlay, aioSource), aio);
  }
  return finish(writeback.value, direct.value, noFlush.value, direct.value, false, new Provenance(writeback.source, direct.source, noFlush.source, aioSource), aio);
}

interface Decided {
  value: boolean;
  source: FlagSource;
}

const FLAG_KEYS = { direct: 'cache.direct', noFlush: 'cache.no-flush' } as const;
const DEFAULT_NODE_SOURCES = {
  direct: new FlagSource(null, 'QEMU default (cache.direct=off)'),
  noFlush: new FlagSource(null, 'QEMU default (cache.no-flush=off)'),
};
const DEFAULT_WRITEBACK_SOURCE = new FlagSource(null, 'QEMU default: the guest sees a write cache');

/**
 * Walk from the protocol node up through the parents written in the same option: the first node
 * that sets the flag decides it. A node opened by its own `-blockdev` and referenced by name
 * inherits nothing from the node above it (observed with QEMU 7.2: `cache.direct=on` on a format
 * node leaves a separately defined file node without O_DIRECT, and `aio=native` there is refused).
 */
function nodeFlag(disk: Disk, flag: 'direct' | 'noFlush', driveMode: CacheMode | undefined): Decided {
  const key = FLAG_KEYS[flag];
  const protocol = disk.nodes[disk.nodes.length - 1];
  for (let i = disk.nodes.length - 1; i >= 0 && sameOption(disk.nodes[i], protocol); i--) {
    const own = ownSetting(disk.nodes[i], key);
    const value = own ? parseQemuBool(own.value) : undefined;
    if (own && value !== undefined) {
      return { value, source: ofSetting(own, i < disk.nodes.length - 1 ? ' (inherited by the node that opens the image)' : '') };
    }
  }
  // On -drive the explicit cache.* options are drive-level and beat cache= in either order.
  const explicit = flag === 'direct' ? disk.cacheDirect : disk.cacheNoFlush;
  const explicitValue = explicit ? parseQemuBool(explicit.value) : undefined;
  if (explicit && explicitValue !== undefined) return { value: explicitValue, source: ofSetting(explicit) };
  if (driveMode && disk.cache) return { value: driveMode.flags[flag], source: ofSetting(disk.cache) };
  return { value: false, source: DEFAULT_NODE_SOURCES[flag] };
}

function sameOption(a: BlockNode, b: BlockNode): boolean {
  return a.span.start === b.span.start && a.span.end === b.span.end;
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
  // The device's own write-cache, `auto` included, replaces a -global default for its type.
  const wc = disk.writeCache ?? disk.globalWriteCache;
  const wcValue = wc ? parseQemuBool(wc.value) : undefined;
  if (wc && wcValue !== undefined) return { value: wcValue, source: ofSetting(wc, wc === disk.writeCache ? ' on the device' : ' (-global default for the device)') };
  const explicit = disk.cacheWriteback;
  const explicitValue = explicit ? parseQemuBool(explicit.value) : undefined;
  if (explicit && explicitValue !== undefined) return { value: explicitValue, source: ofSetting(explicit) };
  if (driveMode && disk.cache) return { value: driveMode.flags.writeback, source: ofSetting(disk.cache) };
  return { value: true, source: DEFAULT_WRITEBACK_SOURCE };
}
