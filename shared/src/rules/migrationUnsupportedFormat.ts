import { migrationSeverity } from './migration';
import type { Rule } from './types';
import { NO_FINDINGS } from './none';

const MIGRATABLE_FORMATS = new Set(['raw', 'qcow2']);
/** Network and volume sources have their own formats; only image formats matter here. */
const IMAGE_FORMATS = new Set(['vmdk', 'vdi', 'vhdx', 'vpc', 'qed', 'qcow', 'cloop', 'dmg', 'parallels', 'bochs']);

/** Vendor guides (SUSE "Disk Cache Modes") support live migration only for raw and qcow2 images. */
export const migrationUnsupportedFormat: Rule = {
  code: 'migration-unsupported-format',
  defaultSeverity: 'warning',
  summary: 'Image formats other than raw and qcow2 cannot be live-migrated',
  hasFix: false,
  check(disk, ctx) {
    const severity = migrationSeverity(ctx.settings.migration);
    const format = disk.format?.value.trim();
    if (!severity || !disk.format || !format || MIGRATABLE_FORMATS.has(format) || disk.readonly || disk.deviceKind === 'cdrom') return NO_FINDINGS;
    if (!IMAGE_FORMATS.has(format)) return NO_FINDINGS;
    return [{
      message: `Format '${format}' cannot be live-migrated: only raw and qcow2 images are supported for live migration. Convert it (qemu-img convert -O qcow2) if this guest must move between hosts.`,
      severity,
      span: disk.format.span,
    }];
  },
};
