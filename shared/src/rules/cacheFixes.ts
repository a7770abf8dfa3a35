/**
 * Fixes that move a disk to another cache mode or AIO mode, right in either syntax:
 * XML edits `cache=`/`io=`; a `-drive` edits `cache=` and any explicit `cache.*`/`write-cache`
 * that would contradict it; a `-blockdev` disk has no mode word, so its flags are set where they
 * are decided (the deciding node, else the root node, which its children inherit from).
 */
import type { BlockNode, Disk, OptionGroup, Setting } from '../model';
import { CACHE_MODES, parseQemuBool, type AioModeName, type CacheFlags, type CacheModeName } from '../modes';
import { addSetting, replaceValue, setDriverOption } from './edits';
import type { Edit, Fix, RuleContext } from './types';

/** Fix titles by mode, made once: every disk with a finding gets one or two of them. */
const titles = (mode: string): { word: string; flags: string } => ({ word: `Use cache=${mode}`, flags: `Use the flags of cache=${mode}` });
const CACHE_TITLES = new Map(Object.keys(CACHE_MODES).map((mode) => [mode, titles(mode)]));
const IO_TITLES = new Map(['threads', 'native', 'io_uring'].map((aio) => [aio, { xml: `Use io=${aio}`, qemu: `Use aio=${aio}` }]));

export function cacheModeFix(disk: Disk, ctx: RuleContext, mode: CacheModeName, preferred = false): Fix | undefined {
  const edits = disk.syntax === 'libvirt-xml' ? xmlCacheEdits(disk, ctx, mode) : qemuFlagEdits(disk, ctx, CACHE_MODES[mode].flags, mode);
  if (!edits || edits.length === 0) return undefined;
  const known = CACHE_TITLES.get(mode) ?? titles(mode);
  const title = disk.syntax === 'libvirt-xml' || isDrive(disk) ? known.word : known.flags;
  return { title, edits, preferred };
}

export function aioModeFix(disk: Disk, ctx: RuleContext, aio: AioModeName, preferred = false): Fix | undefined {
  const key = disk.syntax === 'libvirt-xml' ? 'io' : disk.aio?.key ?? 'aio';
  let edit: Edit | undefined;
  if (disk.aio) edit = replaceValue(disk.aio, aio);
  else if (disk.syntax === 'libvirt-xml') edit = setDriverOption(disk, null, key, aio, ctx.document.text);
  else {
    const node = disk.nodes[disk.nodes.length - 1];
    edit = node && acceptsOptions(node.group) ? addSetting(node.group, node.prefix + 'aio', aio) : undefined;
  }
  if (!edit) return undefined;
  const known = IO_TITLES.get(aio);
  const title = known ? (disk.syntax === 'libvirt-xml' ? known.xml : known.qemu) : `Use ${disk.syntax === 'libvirt-xml' ? 'io' : 'aio'}=${aio}`;
  return { title, edits: [edit], preferred };
}

/** The mode with O_DIRECT that keeps what the guest was told about its write cache. */
export function directModeKeepingWriteback(writeback: boolean): CacheModeName {
  return writeback ? 'none' : 'directsync';
}

/**
 * Groups a fix may append options to. `-hda FILE`, `-cdrom FILE` and bare image names are one file
 * name: `,cache=none` there would rename the file.
 */
function acceptsOptions(group: OptionGroup): boolean {
  return group.kind === '-drive' || group.kind === '-blockdev' || group.kind === '-device' || group.kind === 'json-object';
}

function topOfProtocolOption(disk: Disk): BlockNode | undefined {
  const protocol = disk.nodes[disk.nodes.length - 1];
  return disk.nodes.find((n) => n.span.start === protocol.span.start && n.span.end === protocol.span.end);
}

/** `write-cache` is QEMU's on/off/auto property, a string even in JSON. */
function writeCacheWord(on: boolean): string {
  return on ? 'on' : 'off';
}

function isDrive(disk: Disk): boolean {
  return disk.groups.driver?.kind === '-drive';
}

function xmlCacheEdits(disk: Disk, ctx: RuleContext, mode: CacheModeName): Edit[] | undefined {
  const edit = setDriverOption(disk, disk.cache, 'cache', mode, ctx.document.text);
  return edit ? [edit] : undefined;
}

function qemuFlagEdits(disk: Disk, ctx: RuleContext, target: CacheFlags, mode: CacheModeName): Edit[] {
  const edits: Edit[] = [];
  const eff = ctx.effective;
  if (isDrive(disk)) {
    const word = setDriverOption(disk, disk.cache, 'cache', mode, ctx.document.text);
    if (word) edits.push(word);
    // Explicit cache.* options beat cache= in either order: bring any that disagree in line.
    const explicit: [Setting | null, boolean][] = [
      [disk.cacheDirect, target.direct],
      [disk.cacheNoFlush, target.noFlush],
      [disk.cacheWriteback, target.writeback],
    ];
    for (const node of disk.nodes) {
      if (node.prefix === '') continue;
      explicit.push([lastOwn(disk, node.prefix + 'cache.direct'), target.direct], [lastOwn(disk, node.prefix + 'cache.no-flush'), target.noFlush]);
    }
    for (const [s, want] of explicit) if (s && parseQemuBool(s.value) !== want) edits.push(replaceValue(s, want));
  } else {
    // Options are inherited only by children written in the same option, so a new flag goes on the
    // topmost node of the option that opens the image (not on a filter defined by another -blockdev).
    const root = topOfProtocolOption(disk);
    for (const flag of ['direct', 'noFlush'] as const) {
      if (eff[flag] === target[flag] && !eff.snapshotOverlay) continue;
      if (flag === 'direct' && eff.imageDirect === target.direct) continue;
      const decided = eff.provenance[flag].setting;
      const key = flag === 'direct' ? 'cache.direct' : 'cache.no-flush';
      if (decided && decided.key.endsWith(key)) edits.push(replaceValue(decided, target[flag]));
      else if (root && target[flag] && acceptsOptions(root.group)) edits.push(addSetting(root.group, root.prefix + key, true));
    }
  }
  // The device's write-cache beats the drive; `auto` (or none) keeps the drive's, which for
  // -blockdev is always "write cache on".
  const wc = disk.writeCache ? parseQemuBool(disk.writeCache.value) : undefined;
  const globalWc = !disk.writeCache && disk.globalWriteCache ? parseQemuBool(disk.globalWriteCache.value) : undefined;
  const word = writeCacheWord(target.writeback);
  if (disk.writeCache && wc !== undefined && wc !== target.writeback) edits.push(replaceValue(disk.writeCache, word));
  else if (globalWc !== undefined) {
    // A -global default holds for every device of the type: this device overrides it for itself
    // (a device QEMU makes for `if=virtio` has no options to write it in).
    if (globalWc !== target.writeback && disk.groups.device) edits.push(addSetting(disk.groups.device, 'write-cache', word));
  } else if (wc === undefined && !isDrive(disk) && !target.writeback && disk.groups.device) {
    edits.push(disk.writeCache ? replaceValue(disk.writeCache, word) : addSetting(disk.groups.device, 'write-cache', word));
  }
  return dedupe(edits);
}

function lastOwn(disk: Disk, key: string): Setting | null {
  const settings = disk.groups.driver?.settings ?? [];
  for (let i = settings.length - 1; i >= 0; i--) if (settings[i].key === key) return settings[i];
  return null;
}

function dedupe(edits: Edit[]): Edit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.span.start}:${e.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
