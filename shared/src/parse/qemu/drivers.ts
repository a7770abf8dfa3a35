/**
 * What the block drivers named in `driver=`/`format=` are: protocol drivers open the image
 * (their node decides O_DIRECT and AIO), filters pass I/O through to one child, the rest are
 * image formats.
 */

/** Protocol driver → the libvirt-style source type it stands for (null: none fits). */
const PROTOCOL_SOURCE_TYPES = new Map<string, string | null>([
  ['file', 'file'],
  ['host_device', 'block'],
  ['host_cdrom', 'block'],
  ['nvme', 'nvme'],
  ['nvme-io_uring', 'nvme'],
  ['vvfat', 'dir'],
  ['rbd', 'network'],
  ['nbd', 'network'],
  ['iscsi', 'network'],
  ['gluster', 'network'],
  ['nfs', 'network'],
  ['http', 'network'],
  ['https', 'network'],
  ['ftp', 'network'],
  ['ftps', 'network'],
  ['ssh', 'network'],
  ['sheepdog', 'network'],
  ['vxhs', 'network'],
  ['virtio-blk-vhost-user', 'vhostuser'],
  ['virtio-blk-vhost-vdpa', 'vhostvdpa'],
  ['virtio-blk-vfio-pci', 'nvme'],
  ['io_uring', 'file'],
  ['null-co', null],
  ['null-aio', null],
]);

const FILTERS = new Set([
  'throttle',
  'copy-on-read',
  'blkdebug',
  'blkverify',
  'blklogwrites',
  'compress',
  'preallocate',
  'copy-before-write',
  'snapshot-access',
  'replication',
]);

export function isProtocolDriver(driver: string | undefined): boolean {
  return driver !== undefined && PROTOCOL_SOURCE_TYPES.has(driver);
}

export function isFilterDriver(driver: string | undefined): boolean {
  return driver !== undefined && FILTERS.has(driver);
}

export function sourceTypeOfDriver(driver: string): string | null {
  return PROTOCOL_SOURCE_TYPES.get(driver) ?? null;
}

/**
 * Every block driver name QEMU takes in `driver=` (and `-drive format=`): the BlockdevDriver enum
 * of qapi/block-core.json, as QEMU 7.2 here lists it in query-qmp-schema, plus the libblkio
 * drivers of 7.2 and later (`if: CONFIG_BLKIO`) and sheepdog and vxhs, which older QEMUs had. Any
 * other name is refused at start; names QEMU dropped or a build leaves out pass, as nothing here
 * knows the build.
 */
export const BLOCK_DRIVERS: readonly string[] = [
  'raw', 'qcow2', 'file', 'host_device', 'host_cdrom', 'nbd', 'rbd', 'iscsi', 'gluster', 'nfs', 'ssh',
  'http', 'https', 'ftp', 'ftps', 'nvme', 'luks', 'vmdk', 'vdi', 'vhdx', 'vpc', 'qed', 'qcow',
  'parallels', 'bochs', 'cloop', 'dmg', 'vvfat', 'quorum', 'throttle', 'copy-on-read', 'compress',
  'preallocate', 'copy-before-write', 'snapshot-access', 'replication', 'blkdebug', 'blkverify',
  'blklogwrites', 'blkreplay', 'null-co', 'null-aio', 'io_uring', 'nvme-io_uring', 'virtio-blk-vfio-pci',
  'virtio-blk-vhost-user', 'virtio-blk-vhost-vdpa', 'sheepdog', 'vxhs',
];

/** Keys naming the child a node's I/O goes to, in the order QEMU looks for them. */
export function ioChildKeys(driver: string | undefined): readonly string[] {
  if (driver === 'blkdebug') return ['image', 'file'];
  if (driver === 'blkverify') return ['test'];
  return ['file'];
}

/** Keys that reference other nodes by node-name, for a node with this driver. */
export function childReferenceKeys(driver: string | undefined): readonly string[] {
  switch (driver) {
    case 'blkdebug':
      return ['image', 'file', 'backing'];
    case 'blkverify':
      return ['test', 'raw'];
    case 'copy-before-write':
      return ['file', 'target'];
    case 'blklogwrites':
      return ['file', 'log'];
    case 'quorum':
      return ['children'];
    default:
      return ['file', 'backing', 'data-file'];
  }
}

/** Legacy `-drive file=` prefixes that select a network protocol (`rbd:pool/img`, `nbd://host`). */
const NETWORK_PREFIXES = new Set(['rbd', 'nbd', 'iscsi', 'gluster', 'nfs', 'http', 'https', 'ftp', 'ftps', 'ssh', 'sheepdog', 'vxhs']);

/** Source type QEMU's choice of protocol driver gives a `-drive file=` name. */
export function sourceTypeOfFilename(name: string): string | null {
  if (name === '') return null;
  const colon = name.indexOf(':');
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+_-]*$/.test(name.slice(0, colon))) {
    const scheme = name.slice(0, colon).toLowerCase().split('+')[0];
    if (NETWORK_PREFIXES.has(scheme)) return 'network';
    if (scheme === 'fat') return 'dir';
    if (scheme === 'json') return null;
    if (scheme === 'file') return pathSourceType(name.slice(colon + 1));
  }
  return pathSourceType(name);
}

function pathSourceType(path: string): string {
  // /dev/fdset/N are file descriptors libvirt passes for regular files.
  return path.startsWith('/dev/') && !path.startsWith('/dev/fdset/') ? 'block' : 'file';
}
