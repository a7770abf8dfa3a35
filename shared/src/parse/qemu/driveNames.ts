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
  // Lowest bus per interface, and unit per interface and bus, that may still be free (units
  // are never freed again), so assigning n drives stays linear.
  const firstFreeBus = new Map<string, number>();
  const firstFree = new Map<string, number>();
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
      bus = backend.bus ?? firstFreeBus.get(iface) ?? 0;
      unit = backend.unit ?? firstFree.get(`${iface}:${bus}`) ?? 0;
      if (backend.unit === null) {
        for (;;) {
          if (perBus && unit >= perBus) {
            bus++;
            unit = firstFree.get(`${iface}:${bus}`) ?? 0;
          } else if (taken.has(`${iface}:${bus}:${unit}`)) unit++;
          else break;
        }
        firstFree.set(`${iface}:${bus}`, unit + 1);
        if (backend.bus === null) firstFreeBus.set(iface, bus);
      }
    }
    taken.add(`${iface}:${bus}:${unit}`);
    const media = backend.media === 'cdrom' ? 'cd' : 'hd';
    names.set(backend, perBus ? `${iface}${bus}-${media}${unit}` : `${iface}${unit}`);
  }
  return names;
}
