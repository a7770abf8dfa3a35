/**
 * The same disk in the other syntax. libvirt XML → QEMU as libvirt ≥ 5.10 writes it
 * (`qemuDomainDiskCachemodeFlags`: a set cache becomes `"cache":{"direct","no-flush"}` on the storage
 * and format nodes plus `write-cache` on the device, except for device='lun'; io becomes `"aio"` on
 * the storage node; an absent cache or io writes nothing). QEMU → the libvirt `<driver>` that gives
 * the same effective flags.
 */
import { cacheModeOf, type EffectiveCache } from '../effectiveCache';
import type { Disk } from '../model';
import { AIO_MODES, CACHE_MODES, modeOfFlags, parseQemuBool } from '../modes';

/** Node names libvirt numbers per disk; `N` stands for that number. */
const STORAGE_NODE = 'libvirt-N-storage';
const FORMAT_NODE = 'libvirt-N-format';

export function otherSyntax(disk: Disk, effective: EffectiveCache): string {
  return disk.syntax === 'libvirt-xml' ? qemuFromXml(disk) : xmlFromQemu(disk, effective);
}

/** A shell word in single quotes, as libvirt's `.args` files write JSON. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function storageDriver(disk: Disk): string | null {
  if (disk.sourceType === 'file') return 'file';
  if (disk.sourceType === 'block') return 'host_device';
  return null;
}

function qemuFromXml(disk: Disk): string {
  const written = cacheModeOf(disk.cache);
  if (written === undefined) return `**In QEMU:** \`cache='${disk.cache?.value ?? ''}'\` is not a cache mode libvirt accepts, so there is no QEMU equivalent.`;
  // libvirt gives a writable <shareable/> disk without a cache mode cache=none (its test data
  // disk-shared: "cache":{"direct":true,…} and write-cache=on).
  const sharedDefault = !written && disk.shareable !== null && disk.readonly === null;
  const mode = sharedDefault ? CACHE_MODES.none : written;
  const aio = disk.aio && Object.hasOwn(AIO_MODES, disk.aio.value) ? disk.aio.value : null;
  const cache = mode ? { direct: mode.flags.direct, 'no-flush': mode.flags.noFlush } : null;
  const driver = storageDriver(disk);
  const storage: Record<string, unknown> = {};
  if (driver) {
    storage.driver = driver;
    if (disk.source) storage.filename = disk.source.value;
  }
  if (aio) storage.aio = aio;
  storage['node-name'] = STORAGE_NODE;
  if (cache) storage.cache = cache;
  const format: Record<string, unknown> = { 'node-name': FORMAT_NODE, 'read-only': disk.readonly !== null };
  if (cache) format.cache = cache;
  format.driver = disk.format?.value || 'raw';
  format.file = STORAGE_NODE;
  const storageJson = JSON.stringify(storage);
  const lines = [
    `-blockdev ${shellQuote(driver ? storageJson : storageJson.replace(/^\{/, '{"driver":…,'))}`,
    `-blockdev ${shellQuote(JSON.stringify(format))}`,
    `-device …,drive=${FORMAT_NODE}${mode && disk.deviceKind !== 'lun' ? `,write-cache=${mode.flags.writeback ? 'on' : 'off'}` : ''}`,
  ];
  const notes: string[] = [];
  if (!mode) notes.push('No cache mode is set, so libvirt writes no cache options and QEMU\'s defaults apply (writeback).');
  if (sharedDefault) notes.push('No cache mode is set, but libvirt opens a writable shareable disk with cache=none.');
  if (mode && disk.deviceKind === 'lun') notes.push("device='lun' gets no write-cache: the guest talks to the real device's cache.");
  notes.push('Options that do not concern caching are left out; `N` is the number libvirt gives the disk.');
  return ['**In QEMU** (as libvirt ≥ 5.10 writes it):', '```sh', ...lines, '```', ...notes].join('\n');
}

function xmlFromQemu(disk: Disk, effective: EffectiveCache): string {
  const flags = effective.snapshotOverlay
    ? { writeback: effective.writeback, direct: effective.imageDirect, noFlush: imageNoFlush(disk) }
    : { writeback: effective.writeback, direct: effective.direct, noFlush: effective.noFlush };
  const mode = modeOfFlags(flags);
  const p = effective.provenance;
  const allDefaults = !p.writeback.setting && !p.direct.setting && !p.noFlush.setting;
  const attrs = [`name='qemu'`];
  if (disk.format) attrs.push(`type='${disk.format.value}'`);
  if (mode && !allDefaults) attrs.push(`cache='${mode}'`);
  if (disk.aio && effective.aio === disk.aio.value) attrs.push(`io='${effective.aio}'`);
  const lines = [`<driver ${attrs.join(' ')}/>`];
  if (disk.readonly) lines.push('<readonly/>');
  if (disk.shareable) lines.push('<shareable/>');
  if (effective.snapshotOverlay) lines.push('<transient/>');
  const notes: string[] = [];
  if (!mode) {
    notes.push(
      `libvirt has no cache mode with these flags (O_DIRECT ${flags.direct ? 'on' : 'off'}, guest write cache ${flags.writeback ? 'on' : 'off'}, flushes ${flags.noFlush ? 'ignored' : 'honoured'}), so the \`cache\` attribute cannot express this disk.`,
    );
  } else if (allDefaults) {
    notes.push("No cache option is set here, so the XML needs no cache attribute: both run with QEMU's default (writeback).");
  }
  return ['**In libvirt XML:**', '```xml', ...lines, '```', ...notes].join('\n');
}

/** With `-snapshot` the effective noFlush is the overlay's; the image's own comes from the drive. */
function imageNoFlush(disk: Disk): boolean {
  const explicit = disk.cacheNoFlush ? parseQemuBool(disk.cacheNoFlush.value) : undefined;
  return explicit ?? cacheModeOf(disk.cache)?.flags.noFlush ?? false;
}
