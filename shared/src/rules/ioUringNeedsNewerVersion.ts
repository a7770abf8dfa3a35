import { aioModeFix } from './cacheFixes';
import { atLeast, VERSION_FACTS } from '../versions';
import type { Fix, Rule } from './types';

/** io_uring arrived in QEMU 5.0 and libvirt 6.3.0; older ones refuse the value. */
export const ioUringNeedsNewerVersion: Rule = {
  code: 'io-uring-needs-newer-version',
  defaultSeverity: 'error',
  summary: 'aio=io_uring with a target QEMU older than 5.0 or libvirt older than 6.3.0',
  hasFix: true,
  check(disk, ctx) {
    if (ctx.effective.aio !== 'io_uring' || !disk.aio) return [];
    const { qemuVersion, libvirtVersion } = ctx.settings;
    const tooOld: string[] = [];
    if (!atLeast(qemuVersion, VERSION_FACTS.qemuIoUring)) tooOld.push(`QEMU ${qemuVersion} (needs ${VERSION_FACTS.qemuIoUring})`);
    if (disk.syntax === 'libvirt-xml' && !atLeast(libvirtVersion, VERSION_FACTS.libvirtIoUring)) tooOld.push(`libvirt ${libvirtVersion} (needs ${VERSION_FACTS.libvirtIoUring})`);
    if (tooOld.length === 0) return [];
    const fallback = ctx.effective.imageDirect ? 'native' : 'threads';
    return [{
      message: `io_uring is not available in the target ${tooOld.join(' and ')}: the guest will not start. Raise vmdisk.target versions if the hosts are newer.`,
      span: disk.aio.span,
      fixes: [aioModeFix(disk, ctx, fallback, true)].filter((f): f is Fix => f !== undefined),
    }];
  },
};
