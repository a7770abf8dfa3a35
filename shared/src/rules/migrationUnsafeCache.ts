import { cacheModeFix, directModeKeepingWriteback } from './cacheFixes';
import { describeSetting } from './describe';
import { migrationSeverity } from './migration';
import type { Disk } from '../model';
import type { Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/**
 * libvirt's `qemuMigrationSrcIsSafe` (`src/qemu/qemu_migration.c`) refuses live migration of a
 * writable disk on non-cluster storage unless it is shareable or uses cache none/directsync: the
 * destination would read stale data the source still holds in its page cache.
 */
export const migrationUnsafeCache: Rule = {
  code: 'migration-unsafe-cache',
  defaultSeverity: 'warning',
  summary: 'A cache mode other than none/directsync blocks live migration (libvirt refuses it)',
  hasFix: true,
  check(disk, ctx) {
    const severity = migrationSeverity(ctx.settings.migration);
    if (!severity || ctx.effective.imageDirect || ctx.effective.snapshotOverlay || ctx.effective.shellDecided) return NO_FINDINGS;
    if (disk.readonly || disk.shareable || disk.deviceKind === 'cdrom' || disk.sourceType === 'network' || ctx.storage?.cluster) return NO_FINDINGS;
    if (!disk.source) return NO_FINDINGS;
    const decided = ctx.effective.provenance.direct.setting;
    const what = decided ? describeSetting(decided) : 'No cache mode (QEMU default writeback)';
    const fixes = directModeFixes(disk, ctx);
    return [{
      message: `${what} blocks live migration: libvirt migrates a writable disk only with cache='none' or 'directsync', unless it is <shareable/> or on a cluster file system ("Migration may lead to data corruption if disks use cache other than none or directsync").`,
      severity,
      span: decided?.span ?? disk.anchor,
      fixes,
    }];
  },
};

function directModeFixes(disk: Disk, ctx: RuleContext): () => (Fix | undefined)[] {
  return () => [
    cacheModeFix(disk, ctx, directModeKeepingWriteback(ctx.effective.writeback), true),
    cacheModeFix(disk, ctx, directModeKeepingWriteback(!ctx.effective.writeback)),
  ];
}
