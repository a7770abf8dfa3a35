import { removeSetting, replaceValue } from './edits';
import type { Setting } from '../model';
import type { Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/**
 * Two guests writing one image concurrently only works for raw: libvirt checks
 * `qemuBlockStorageSourceSupportsConcurrentAccess` (`src/qemu/qemu_block.c`), which accepts raw only,
 * and refuses the definition otherwise.
 */
export const shareableUnsupportedFormat: Rule = {
  code: 'shareable-unsupported-format',
  defaultSeverity: 'error',
  summary: 'A writable <shareable/> disk in a format other than raw: libvirt refuses it',
  hasFix: true,
  check(disk, ctx) {
    if (disk.syntax !== 'libvirt-xml' || !disk.shareable || disk.readonly) return NO_FINDINGS;
    const format = disk.format?.value.trim() ?? 'raw';
    if (format === 'raw') return NO_FINDINGS;
    const fixes = rawOrNotSharedFixes(disk.shareable, disk.format, ctx);
    return [{
      message: `<shareable/> on a writable '${format}' disk: libvirt refuses it ("shared access for disk '${disk.name}' requires use of supported storage format"). Only raw images can be written by two guests at once.`,
      span: disk.shareable.span,
      related: disk.format ? [{ span: disk.format.span, message: `format '${format}'` }] : [],
      fixes,
    }];
  },
};

function rawOrNotSharedFixes(shareable: Setting, format: Setting | null, ctx: RuleContext): () => Fix[] {
  return () => {
    const remove = { title: 'Remove <shareable/>', edits: [removeSetting(shareable, ctx.document.text)] };
    if (!format) return [remove];
    return [{ title: "Use type='raw' (after converting the image with qemu-img convert -O raw)", edits: [replaceValue(format, 'raw')] }, remove];
  };
}
