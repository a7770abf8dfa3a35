import { aioModeFix } from './cacheFixes';
import { atLeast, VERSION_FACTS } from '../versions';
import type { Disk } from '../model';
import type { AioModeName } from '../modes';
import type { Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/** io_uring arrived in QEMU 5.0 and libvirt 6.3.0; older ones refuse the value. */
export const ioUringNeedsNewerVersion: Rule = {
  code: 'io-uring-needs-newer-version',
  defaultSeverity: 'error',
  summary: 'aio=io_uring with a target QEMU older than 5.0 or libvirt older than 6.3.0',
  hasFix: true,
  check(disk, ctx) {
    if (ctx.effective.aio !== 'io_uring' || !disk.aio) return NO_FINDINGS;
    const { qemuVersion, libvirtVersion } = ctx.settings;
    const qemuTooOld = !atLeast(qemuVersion, VERSION_FACTS.qemuIoUring);
    const libvirtTooOld = disk.syntax === 'libvirt-xml' && !atLeast(libvirtVersion, VERSION_FACTS.libvirtIoUring);
    if (!qemuTooOld && !libvirtTooOld) return NO_FINDINGS;
    const tooOld: string[] = [];
    if (qemuTooOld) tooOld.push(`QEMU ${qemuVersion} (needs ${VERSION_FACTS.qemuIoUring})`);
    if (libvirtTooOld) tooOld.push(`libvirt ${libvirtVersion} (needs ${VERSION_FACTS.libvirtIoUring})`);
    const fallback = ctx.effective.imageDirect ? 'native' : 'threads';
    return [{
      message: `io_uring is not available in the target ${tooOld.join(' and ')}: the guest will not start. Raise vmdisk.target versions if the hosts are newer.`,
      span: disk.aio.span,
      fixes: fallbackFix(disk, ctx, fallback),
    }];
  },
};

function fallbackFix(disk: Disk, ctx: RuleContext, fallback: AioModeName): () => (Fix | undefined)[] {
  return () => [aioModeFix(disk, ctx, fallback, true)];
}
