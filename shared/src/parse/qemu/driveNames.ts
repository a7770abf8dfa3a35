import type { Backend } from './backends';

/**
 * Names for drives given no `id=`, in QEMU's style: `ide0-hd0`, `ide1-cd0`, `scsi0-hd3`,
 * `virtio0`, `floppy1`. Drives without an explicit position take the first free unit, in
 * command-line order.
 */

/** Units per bus for interfaces that have buses. */
const UNITS_PER_BUS = new Map([
  ['ide', 2],
  ['scsi', 7],
]);

export function driveAutoNames(backends: Backend[]): Map<Backend, string> {
  const names = new Map<Backend, string>();
  const taken = new Set<string>();
  for (const backend of backends) {
    const iface = backend.iface;
    if (!backend.isDrive || iface === null || iface === 'none') continue;
    const perBus = UNITS_PER_BUS.get(iface) ?? 0;
    let bus: number;
    let unit: number;
    if (backend.index !== null) {
      bus = perBus ? Math.floor(backend.index / perBus) : 0;
      unit = perBus ? backend.index % perBus : backend.index;
    } else {
      bus = backend.bus ?? 0;
      unit = backend.unit ?? 0;
      if (backend.unit === null) {
        while (taken.has(`${iface}:${bus}:${unit}`)) {
          unit++;
          if (perBus && unit >= perBus) {
            unit = 0;
            bus++;
          }
        }
      }
    }
    taken.add(`${iface}:${bus}:${unit}`);
    const media = backend.media === 'cdrom' ? 'cd' : 'hd';
    names.set(backend, perBus ? `${iface}${bus}-${media}${unit}` : `${iface}${unit}`);
  }
  return names;
}
