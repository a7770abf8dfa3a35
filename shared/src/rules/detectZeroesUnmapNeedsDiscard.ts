import { replaceValue, setDriverOption } from './edits';
import type { Disk, Setting } from '../model';
import type { Edit, Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/**
 * detect-zeroes=unmap turns zero writes into discards, which needs discard=unmap. QEMU refuses the
 * combination (`block.c` `bdrv_parse_detect_zeroes`); libvirt quietly passes detect-zeroes=on instead.
 */
export const detectZeroesUnmapNeedsDiscard: Rule = {
  code: 'detect-zeroes-unmap-needs-discard',
  defaultSeverity: 'error',
  summary: 'detect-zeroes=unmap without discard=unmap',
  hasFix: true,
  check(disk, ctx) {
    const dz = disk.detectZeroes;
    if (!dz || dz.value !== 'unmap' || disk.discard?.value === 'unmap' || disk.discard?.value === 'on') return NO_FINDINGS;
    const fixes = discardFixes(disk, dz, ctx);
    const related = disk.discard ? [{ span: disk.discard.span, message: `discard is '${disk.discard.value}'` }] : [];
    if (disk.syntax === 'libvirt-xml') {
      return [{
        message: "detect_zeroes='unmap' needs discard='unmap': without it libvirt passes detect-zeroes=on to QEMU, so zeroed blocks are not released.",
        severity: 'warning', span: dz.span, related, fixes,
      }];
    }
    return [{
      message: 'detect-zeroes=unmap needs discard=unmap: QEMU refuses to start ("setting detect-zeroes to unmap is not allowed without setting discard operation to unmap").',
      span: dz.span, related, fixes,
    }];
  },
};

function discardFixes(disk: Disk, dz: Setting, ctx: RuleContext): () => Fix[] {
  return () => {
    const addDiscard: Edit | undefined = setDriverOption(disk, disk.discard, 'discard', 'unmap', ctx.document.text);
    const fixes: Fix[] = [];
    if (addDiscard) fixes.push({ title: 'Set discard=unmap', edits: [addDiscard], preferred: true });
    fixes.push({ title: `Use ${dz.key}=on`, edits: [replaceValue(dz, 'on')] });
    return fixes;
  };
}
