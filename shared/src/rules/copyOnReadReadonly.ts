import { removeSetting } from './edits';
import type { Fix, Rule, RuleContext } from './types';
import type { Setting } from '../model';
import { NO_FINDINGS } from './none';

const ON = new Set(['on', 'true', 'yes']);
const READ_ONLY_DEVICES = new Set(['cdrom', 'floppy', 'lun']);

/** Copy-on-read writes what it reads into the image: libvirt refuses it where nothing may be written (`qemu_validate.c`). */
export const copyOnReadReadonly: Rule = {
  code: 'copy-on-read-readonly',
  defaultSeverity: 'error',
  summary: 'copy_on_read on a read-only disk, cdrom, floppy or lun',
  hasFix: true,
  check(disk, ctx) {
    const cor = disk.copyOnRead;
    if (!cor || !ON.has(cor.value)) return NO_FINDINGS;
    const why = disk.readonly ? 'a read-only disk' : READ_ONLY_DEVICES.has(disk.deviceKind) ? `a ${disk.deviceKind}` : undefined;
    if (!why) return NO_FINDINGS;
    return [{
      message: `copy-on-read writes the data it reads into the image, which ${why} cannot take: ${disk.syntax === 'libvirt-xml' ? 'libvirt refuses the disk' : 'the option does nothing useful'}.`,
      span: cor.span,
      related: disk.readonly ? [{ span: disk.readonly.span, message: 'the disk is read-only' }] : [],
      fixes: removeFix(cor, ctx),
    }];
  },
};

function removeFix(cor: Setting, ctx: RuleContext): () => Fix[] {
  return () => [{ title: `Remove ${cor.key}`, edits: [removeSetting(cor, ctx.document.text)], preferred: true }];
}
