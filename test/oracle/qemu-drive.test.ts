/**
 * `-drive` semantics against a real QEMU: generated tables of every combination of the cache options,
 * `aio`, the device's `write-cache` and `-snapshot`. Each case starts QEMU for real (paused, QMP on stdio)
 * and compares its answer with our analysis of the same options (see qemuComparison.ts).
 */
import { combinations, keyvals, type ImageFormat, type OracleCase } from './qemuComparison';
import { describeOracleTables } from './oracleSuite';

const CACHE = [undefined, 'writeback', 'writethrough', 'none', 'directsync', 'unsafe', 'off'] as const;
const ON_OFF = [undefined, 'on', 'off'] as const;
const AIO = [undefined, 'threads', 'native', 'io_uring'] as const;
const WRITE_CACHE = [undefined, 'on', 'off', 'auto'] as const;

function driveCase(format: ImageFormat, settings: [string, string | undefined][], extra: string[][] = [], driveBase = 'if=none,id=d0'): OracleCase {
  const written = keyvals(settings);
  const drive = (image: string) => `file=${image},format=${format},${driveBase}${written ? ',' + written : ''}`;
  const extraText = extra.map((o) => ' ' + o.join(' ')).join('');
  return { name: `-drive ${drive('IMG')}${extraText}`, format, options: (image) => [['-drive', drive(image)], ...extra] };
}

/**
 * cache × cache.direct × cache.no-flush × aio on raw; on qcow2 (which QEMU treats alike) without
 * the no-flush axis, to keep the run short.
 */
const cacheTable: OracleCase[] = [
  ...combinations({ cache: CACHE, direct: ON_OFF, noFlush: ON_OFF, aio: AIO }).map((c) =>
    driveCase('raw', [['cache', c.cache], ['cache.direct', c.direct], ['cache.no-flush', c.noFlush], ['aio', c.aio]]),
  ),
  ...combinations({ cache: CACHE, direct: ON_OFF, aio: AIO }).map((c) => driveCase('qcow2', [['cache', c.cache], ['cache.direct', c.direct], ['aio', c.aio]])),
];

/** cache.writeback crossed with cache and cache.direct; the explicit keys first, to show order does not matter. */
const writebackTable: OracleCase[] = combinations({ writeback: ON_OFF, direct: ON_OFF, cache: CACHE }).map((c) =>
  driveCase('raw', [['cache.writeback', c.writeback], ['cache.direct', c.direct], ['cache', c.cache]]),
);

/** The guest device's write-cache over the drive's cache mode (machine pc). */
const writeCacheTable: OracleCase[] = [
  ...combinations({ cache: CACHE, writeCache: WRITE_CACHE }).map((c) =>
    driveCase('raw', [['cache', c.cache]], [['-device', 'virtio-blk-pci,' + keyvals([['drive', 'd0'], ['write-cache', c.writeCache]])]]),
  ),
  ...combinations({ writeback: ['on', 'off'] as const, writeCache: WRITE_CACHE }).map((c) =>
    driveCase('qcow2', [['cache.writeback', c.writeback]], [['-device', 'virtio-blk-pci,' + keyvals([['drive', 'd0'], ['write-cache', c.writeCache]])]]),
  ),
  ...combinations({ device: ['ide-hd,bus=ide.0', 'scsi-hd,bus=scsi0.0'] as const, writeCache: WRITE_CACHE }).map((c) => {
    const controller = c.device.startsWith('scsi') ? [['-device', 'virtio-scsi-pci,id=scsi0']] : [];
    return driveCase('raw', [['cache', 'writethrough']], [...controller, ['-device', `${c.device},${keyvals([['drive', 'd0'], ['write-cache', c.writeCache]])}`]]);
  }),
];

/**
 * `-global` write-cache defaults: which reach which device, in which order, and what the device's
 * own write-cache and the drive's cache mode do against them (machine pc, cache=writeback so that
 * a write-cache=off shows).
 */
const GLOBAL_CASES: [string, string[][]][] = [
  ['virtio-blk-pci', [['-global', 'virtio-blk-pci.write-cache=off']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-pci.write-cache=auto']]],
  ['virtio-blk-pci', [['-global', 'driver=virtio-blk-pci,property=write-cache,value=off']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-device.write-cache=off']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-pci-base.write-cache=off']]],
  ['virtio-blk-pci,write-cache=on', [['-global', 'virtio-blk-pci.write-cache=off']]],
  ['virtio-blk-pci,write-cache=auto', [['-global', 'virtio-blk-pci.write-cache=off']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-device.write-cache=on'], ['-global', 'virtio-blk-pci.write-cache=off']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-pci.write-cache=off'], ['-global', 'virtio-blk-device.write-cache=on']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-pci.write-cache=off'], ['-global', 'virtio-blk-pci.write-cache=on']]],
  ['virtio-blk-pci', [['-global', 'Virtio-blk-pci.write-cache=off']]],
  ['virtio-blk-pci', [['-global', 'virtio-blk-pci.write-cache=bogus']]],
  ['virtio-blk-pci-transitional', [['-global', 'virtio-blk-pci.write-cache=off']]],
  ['ide-hd,bus=ide.0', [['-global', 'ide-device.write-cache=off']]],
  ['ide-hd,bus=ide.0', [['-global', 'ide-cd.write-cache=off']]],
];

const globalTable: OracleCase[] = [
  ...GLOBAL_CASES.map(([device, globals]) => {
    const [type, ...own] = device.split(',');
    return driveCase('raw', [['cache', 'writeback']], [['-device', [type, 'drive=d0', ...own].join(',')], ...globals]);
  }),
  // The device QEMU makes for if=virtio / if=ide takes the globals of its type.
  driveCase('raw', [['cache', 'writeback']], [['-global', 'virtio-blk-pci.write-cache=off']], 'if=virtio,id=d0'),
  driveCase('raw', [['cache', 'writeback']], [['-global', 'ide-hd.write-cache=off']], 'if=ide,id=d0'),
];

/** Drives that make their own guest device: if=ide / if=virtio, and the -hda shorthand. */
const implicitDeviceTable: OracleCase[] = [
  ...combinations({ iface: ['ide', 'virtio'] as const, cache: CACHE }).map((c) =>
    driveCase('raw', [['cache', c.cache]], [], `if=${c.iface},id=d0`),
  ),
  { name: '-hda IMG', format: 'qcow2', options: (image) => [['-hda', image]] },
];

/** -snapshot and snapshot=on/off: the overlay runs as cache=unsafe, without native AIO. */
const snapshotTable: OracleCase[] = combinations({ snapshot: ['-snapshot', 'on', 'off'] as const, cache: CACHE, aio: [undefined, 'native'] as const }).map((c) =>
  c.snapshot === '-snapshot'
    ? driveCase('qcow2', [['cache', c.cache], ['aio', c.aio]], [['-snapshot']])
    : driveCase('qcow2', [['cache', c.cache], ['aio', c.aio], ['snapshot', c.snapshot]]),
);

/** How QEMU spells booleans (on/off/yes/no/true/false/y/n, lower case only) and which words it refuses. */
const spellingTable: OracleCase[] = [
  ...combinations({
    key: ['cache.direct', 'cache.no-flush', 'cache.writeback'] as const,
    value: ['on', 'off', 'yes', 'no', 'true', 'false', 'y', 'n', '1', '0', 'ON', 'maybe'] as const,
  }).map((c) => driveCase('raw', [[c.key, c.value], ['aio', c.key === 'cache.direct' ? 'native' : undefined]])),
  ...['None', 'NONE', 'on', 'bogus', ''].map((v) => driveCase('raw', [['cache', v]])),
  ...['Native', 'bogus', ''].map((v) => driveCase('raw', [['cache', 'none'], ['aio', v]])),
  ...['yes', 'true', 'ON'].map((v) => driveCase('raw', [], [['-device', `virtio-blk-pci,drive=d0,write-cache=${v}`]])),
  // Block driver names, checked case by case: 'file' is one, 'fil' and 'FILE' are not.
  ...['file', 'fil', 'FILE'].map((v) => driveCase('raw', [['file.driver', v]])),
];

/** The protocol node's own options written on the drive as file.*: they beat the drive's cache mode there. */
const fileChildTable: OracleCase[] = combinations({ cache: [undefined, 'none', 'writeback'] as const, fileDirect: ON_OFF, fileAio: [undefined, 'native'] as const }).map(
  (c) => driveCase('raw', [['cache', c.cache], ['file.cache.direct', c.fileDirect], ['file.aio', c.fileAio]]),
);

const TABLES: [string, OracleCase[]][] = [
  ['cache × cache.direct × cache.no-flush × aio', cacheTable],
  ['cache.writeback × cache.direct × cache', writebackTable],
  ['device write-cache over the drive', writeCacheTable],
  ['drives with their own device', implicitDeviceTable],
  ['-global write-cache defaults', globalTable],
  ['-snapshot and snapshot=', snapshotTable],
  ['value spellings QEMU accepts and refuses', spellingTable],
  ['file.* options on the drive', fileChildTable],
];

describeOracleTables('-drive options: our effective flags equal real QEMU', '-drive', TABLES);
