/** One-line summaries of a disk's effective mode, for code lenses and the CLI's table. */
import type { EffectiveCache } from '../effectiveCache';
import type { Disk } from '../model';
import { describeSetting } from '../rules/describe';

/** libvirt's migration check ignores the cache mode for these disks (`qemuMigrationSrcIsSafe`). */
export function migrationIgnoresCache(disk: Disk): boolean {
  return disk.readonly !== null || disk.shareable !== null || disk.sourceType === 'network' || disk.deviceKind === 'cdrom';
}

export function migrationVerdict(disk: Disk, effective: EffectiveCache): 'migration-safe' | 'blocks migration' {
  return migrationIgnoresCache(disk) || effective.imageDirect ? 'migration-safe' : 'blocks migration';
}

export function describeFlags(effective: EffectiveCache, disk?: Disk): string {
  // `cache=$CACHE`: what follows is the disk without that setting, not a verdict.
  const shell = effective.shellDecided;
  if (shell) return `${describeSetting(shell)} is decided by the shell; without it: ${flagParts(effective).join(' · ')}`;
  const parts = flagParts(effective);
  if (disk) parts.push(migrationVerdict(disk, effective));
  return parts.join(' · ');
}

function flagParts(effective: EffectiveCache): string[] {
  const parts = [
    effective.mode ? `cache=${effective.mode}` : 'custom flags',
    effective.direct ? 'O_DIRECT' : 'host page cache',
    effective.writeback ? 'guest write cache' : 'O_DSYNC',
    effective.noFlush ? 'flushes IGNORED' : 'guest flushes honoured',
    `aio=${effective.aio}`,
  ];
  if (effective.snapshotOverlay) parts.push('writes go to a discarded snapshot overlay');
  return parts;
}
