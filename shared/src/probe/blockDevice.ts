/** Size and logical sector size of a block device from sysfs (Node has no BLKGETSIZE64/BLKSSZGET ioctls). */
import { promises as fsp } from 'node:fs';
import { deviceNumber } from './mountinfo';

export interface BlockDeviceInfo {
  size: number | null;
  logicalBlockSize: number | null;
}

async function readNumber(path: string): Promise<number | null> {
  try {
    const value = Number((await fsp.readFile(path, 'utf8')).trim());
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

export async function blockDeviceInfo(rdev: bigint): Promise<BlockDeviceInfo> {
  const dir = `/sys/dev/block/${deviceNumber(rdev)}`;
  const sectors = await readNumber(`${dir}/size`); // always in 512-byte units
  // A partition has no queue/ of its own; its disk's is one level up.
  const logicalBlockSize =
    (await readNumber(`${dir}/queue/logical_block_size`)) ?? (await readNumber(`${dir}/../queue/logical_block_size`));
  return { size: sectors === null ? null : sectors * 512, logicalBlockSize };
}
