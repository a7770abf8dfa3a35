/**
 * What the cursor is on, for hover: one of a disk's cache-related settings, or the disk itself
 * (its anchor, its `<disk>`/`<driver>` tag, its `-drive`/`-device`/`-blockdev` option).
 * The smallest span around the cursor wins, so a value beats the option group it sits in.
 */
import type { AnalyzedDisk, Analysis } from '../analyze';
import type { OptionGroup, Setting, Span } from '../model';

export type HoverRole = 'cache' | 'aio' | 'cacheDirect' | 'cacheNoFlush' | 'cacheWriteback' | 'writeCache' | 'shareable' | 'readonly' | 'disk';

export interface HoverTarget {
  disk: AnalyzedDisk;
  role: HoverRole;
  /** The setting under the cursor (null for the disk itself). */
  setting: Setting | null;
  span: Span;
}

/** Local key (last one or two dotted parts) → role. */
const ROLE_BY_KEY: Record<string, HoverRole> = {
  cache: 'cache',
  io: 'aio',
  aio: 'aio',
  'cache.direct': 'cacheDirect',
  'cache.no-flush': 'cacheNoFlush',
  'cache.writeback': 'cacheWriteback',
  'write-cache': 'writeCache',
  shareable: 'shareable',
  readonly: 'readonly',
  'read-only': 'readonly',
};

function roleOf(setting: Setting): HoverRole | undefined {
  const parts = setting.key.split('.');
  for (let n = Math.min(2, parts.length); n >= 1; n--) {
    const local = parts.slice(parts.length - n).join('.');
    // Own keys only: a user key such as `constructor` must not reach Object.prototype.
    const role = Object.hasOwn(ROLE_BY_KEY, local) ? ROLE_BY_KEY[local] : undefined;
    if (role) {
      // A JSON `"cache": {…}` object is not a cache mode word: hovering it shows the disk.
      return role === 'cache' && setting.jsonType === 'object' ? 'disk' : role;
    }
  }
  return undefined;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && (offset < span.end || offset === span.start);
}

export function hoverTargetAt(analysis: Analysis, offset: number): HoverTarget | undefined {
  let best: HoverTarget | undefined;
  const consider = (disk: AnalyzedDisk, role: HoverRole, setting: Setting | null, span: Span) => {
    if (!contains(span, offset)) return;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { disk, role, setting, span };
  };
  for (const entry of analysis.disks) {
    const { disk } = entry;
    // Everything of an XML disk lies inside its element; a QEMU disk's options may be anywhere.
    if (disk.syntax === 'libvirt-xml' && !contains(disk.span, offset)) continue;
    for (const setting of settingsOf(entry)) {
      const role = roleOf(setting);
      if (role) consider(entry, role, setting, { start: Math.min(setting.keySpan.start, setting.span.start), end: Math.max(setting.keySpan.end, setting.span.end) });
    }
    consider(entry, 'disk', null, disk.anchor);
    for (const group of groupsOf(entry)) consider(entry, 'disk', null, group.span);
  }
  return best;
}

function groupsOf({ disk }: AnalyzedDisk): OptionGroup[] {
  const groups = [disk.groups.disk, disk.groups.driver, disk.groups.device, ...disk.nodes.map((n) => n.group)];
  return groups.filter((g): g is OptionGroup => g !== undefined);
}

/** The disk's own fields and every setting of its groups (nested JSON objects included). */
function settingsOf(entry: AnalyzedDisk): Setting[] {
  const { disk } = entry;
  const out = [disk.cache, disk.aio, disk.cacheDirect, disk.cacheNoFlush, disk.cacheWriteback, disk.writeCache, disk.globalWriteCache, disk.shareable, disk.readonly].filter(
    (s): s is Setting => s !== null,
  );
  const visit = (group: OptionGroup) => {
    out.push(...group.settings);
    for (const child of Object.values(group.children ?? {})) visit(child);
  };
  groupsOf(entry).forEach(visit);
  return out;
}
