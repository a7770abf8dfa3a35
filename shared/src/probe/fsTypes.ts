/**
 * statfs `f_type` magics (Linux `include/uapi/linux/magic.h`) and libvirt's view of them:
 * shared storage (`virFileIsSharedFSType`) and coherent cluster file systems (`virFileIsClusterFS`).
 */

interface FsMagic {
  name: string;
  shared?: boolean;
  cluster?: boolean;
}

const FS_MAGICS: ReadonlyMap<number, FsMagic> = new Map<number, FsMagic>([
  [0xef53, { name: 'ext4' }], // shared by ext2/ext3/ext4; mountinfo tells which
  [0x58465342, { name: 'xfs' }],
  [0x9123683e, { name: 'btrfs' }],
  [0x2fc12fc1, { name: 'zfs' }],
  [0xca451a4e, { name: 'bcachefs' }],
  [0xf2f52010, { name: 'f2fs' }],
  [0x01021994, { name: 'tmpfs' }],
  [0x858458f6, { name: 'ramfs' }],
  [0x958458f6, { name: 'hugetlbfs' }],
  [0x794c7630, { name: 'overlay' }],
  [0x01021997, { name: '9p' }],
  [0x65735546, { name: 'fuse' }],
  [0x73717368, { name: 'squashfs' }],
  [0xe0f5e1e2, { name: 'erofs' }],
  [0x28cd3d45, { name: 'cramfs' }],
  [0x9660, { name: 'iso9660' }],
  [0x15013346, { name: 'udf' }],
  [0x4d44, { name: 'vfat' }],
  [0x2011bab0, { name: 'exfat' }],
  [0x5346544e, { name: 'ntfs' }],
  [0x7366746e, { name: 'ntfs3' }],
  [0x482b, { name: 'hfsplus' }],
  [0x52654973, { name: 'reiserfs' }],
  [0x3153464a, { name: 'jfs' }],
  [0x3434, { name: 'nilfs2' }],
  [0x5a4f4653, { name: 'zonefs' }],
  [0x0bd00bd0, { name: 'lustre' }],
  [0x786f4256, { name: 'vboxsf' }],
  [0x9fa0, { name: 'proc' }],
  [0x62656572, { name: 'sysfs' }],
  [0x1cd1, { name: 'devpts' }],
  // libvirt's shared file systems
  [0x6969, { name: 'nfs', shared: true }],
  [0x01161970, { name: 'gfs2', shared: true, cluster: true }],
  [0x7461636f, { name: 'ocfs2', shared: true, cluster: true }],
  [0x6b414653, { name: 'afs', shared: true }],
  [0x517b, { name: 'smb', shared: true }],
  [0xff534d42, { name: 'cifs', shared: true }],
  [0x00c36400, { name: 'ceph', shared: true, cluster: true }],
  [0x47504653, { name: 'gpfs', shared: true }],
  [0x61636673, { name: 'acfs', shared: true }],
  [0x19830326, { name: 'beegfs', shared: true }],
]);

const FUSE_MAGIC = 0x65735546;

/** FUSE subtypes libvirt treats as shared (from the mount type `fuse.<subtype>`); glusterfs is also a cluster FS. */
const SHARED_FUSE: ReadonlyMap<string, { cluster: boolean }> = new Map([
  ['glusterfs', { cluster: true }],
  ['quobyte', { cluster: false }],
]);

export function magicHex(magic: number): string {
  return `0x${(magic >>> 0).toString(16).padStart(4, '0')}`;
}

export function fsNameOfMagic(magic: number): string | undefined {
  return FS_MAGICS.get(magic >>> 0)?.name;
}

export interface FsClass {
  shared: boolean;
  cluster: boolean;
}

/** libvirt's verdict for a statfs magic; FUSE mounts are judged by their subtype, as libvirt does. */
export function classifyFs(magic: number, fuseSubtype: string | undefined): FsClass {
  const m = magic >>> 0;
  if (m === FUSE_MAGIC) {
    const fuse = fuseSubtype === undefined ? undefined : SHARED_FUSE.get(fuseSubtype);
    return { shared: fuse !== undefined, cluster: fuse?.cluster ?? false };
  }
  const known = FS_MAGICS.get(m);
  return { shared: known?.shared ?? false, cluster: known?.cluster ?? false };
}
