/** The file system under a path: statfs magic, its name, libvirt's shared/cluster view, and the mount. */
import { promises as fsp } from 'node:fs';
import type { Deadline } from './deadline';
import { classifyFs, fsNameOfMagic, magicHex } from './fsTypes';
import { deviceNumber, findMount, fuseSubtypeOf, parseMountinfo } from './mountinfo';
import type { FilesystemInfo } from './types';

const STEP_MS = 2000;

export async function filesystemInfo(realPath: string, dev: bigint, deadline: Deadline): Promise<FilesystemInfo> {
  const stats = await deadline.step('statfs', STEP_MS, () => fsp.statfs(realPath));
  const magic = Number(stats.type);
  let mountinfo = '';
  try {
    mountinfo = await deadline.step('Reading /proc/self/mountinfo', STEP_MS, () => fsp.readFile('/proc/self/mountinfo', 'utf8'));
  } catch {
    // Without mountinfo the statfs magic still names the file system; only the mount point is lost.
  }
  const mount = findMount(parseMountinfo(mountinfo), realPath, deviceNumber(dev));
  const fuseSubtype = mount ? fuseSubtypeOf(mount.fsType) : undefined;
  const { shared, cluster } = classifyFs(magic, fuseSubtype);
  const type = (fuseSubtype ? 'fuse' : mount?.fsType) ?? fsNameOfMagic(magic) ?? 'unknown';
  return {
    type,
    magic: magicHex(magic),
    shared,
    cluster,
    ...(fuseSubtype ? { fuseSubtype } : {}),
    mountPoint: mount?.mountPoint ?? null,
    blockSize: Number(stats.bsize),
  };
}
