/**
 * Device property defaults given with `-global TYPE.write-cache=off` (or `-global
 * driver=TYPE,property=write-cache,value=off`). Of the properties a global can set, write-cache is
 * the one that changes a disk's flags: it decides the guest's write cache when the device does not
 * set it itself. Observed with QEMU 7.2 (query-block): a device's own `write-cache=` beats every
 * global; globals of one type apply in command-line order, the last winning; a global of the type
 * a virtio proxy wraps (`virtio-blk-device`) loses to one of the proxy (`virtio-blk-pci`); a global
 * of a type's parent (`ide-device`) reaches it, one of a sibling (`virtio-blk-pci` for
 * `virtio-blk-pci-transitional`) does not; the type name is case-sensitive.
 */
import type { OptionGroup, Setting } from '../../model';
import { nodeSetting } from './nodes';

export interface GlobalDefault {
  /** The QOM type the default is for (`virtio-blk-pci`). */
  type: string;
  /** The value, as a setting where it is written: `…write-cache=off` or the long form's `value=off`. */
  setting: Setting;
}

/** The write-cache defaults of one `-global`, in the order written. */
export function globalWriteCaches(group: OptionGroup): GlobalDefault[] {
  const found: GlobalDefault[] = [];
  for (const s of group.settings) {
    // QEMU splits the short form at the first dot (qemu_global_option's sscanf).
    const dot = s.key.indexOf('.');
    if (dot > 0 && s.key.slice(dot + 1) === 'write-cache') found.push({ type: s.key.slice(0, dot), setting: s });
  }
  const root = { group, prefix: '' };
  const type = nodeSetting(root, 'driver');
  const property = nodeSetting(root, 'property');
  const value = nodeSetting(root, 'value');
  if (type && property?.value === 'write-cache' && value) {
    found.push({ type: type.value, setting: { ...value, key: 'write-cache', keySpan: property.span } });
  }
  return found;
}

/**
 * For each device type that has write-cache: the types whose globals reach it, the proxy's first
 * (they win), then those of the device a proxy wraps. Within each list QEMU applies the globals
 * in command-line order, so the last one written wins.
 */
const REACHING_TYPES: Record<string, readonly [readonly string[], readonly string[]]> = {
  'virtio-blk-pci': [['virtio-blk-pci-base', 'virtio-blk-pci'], ['virtio-blk-device']],
  'virtio-blk-pci-transitional': [['virtio-blk-pci-base', 'virtio-blk-pci-transitional'], ['virtio-blk-device']],
  'virtio-blk-pci-non-transitional': [['virtio-blk-pci-base', 'virtio-blk-pci-non-transitional'], ['virtio-blk-device']],
  'virtio-blk-ccw': [['virtio-blk-ccw'], ['virtio-blk-device']],
  'virtio-blk-device': [['virtio-blk-device'], []],
  'ide-hd': [['ide-device', 'ide-hd'], []],
  'ide-cd': [['ide-device', 'ide-cd'], []],
  'scsi-hd': [['scsi-disk-base', 'scsi-hd'], []],
  'scsi-cd': [['scsi-disk-base', 'scsi-cd'], []],
  'scsi-block': [['scsi-disk-base', 'scsi-block'], []],
  'usb-storage': [['usb-storage'], []],
};

/** The global write-cache a device of `deviceType` gets when it sets none itself; null when none reaches it. */
export function globalWriteCache(globals: readonly GlobalDefault[], deviceType: string | null): Setting | null {
  if (deviceType === null || globals.length === 0 || !Object.hasOwn(REACHING_TYPES, deviceType)) return null;
  for (const types of REACHING_TYPES[deviceType]) {
    for (let i = globals.length - 1; i >= 0; i--) if (types.includes(globals[i].type)) return globals[i].setting;
  }
  return null;
}
