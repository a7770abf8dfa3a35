import { describeSetting } from './describe';
import { aioModeFix, cacheModeFix, directModeKeepingWriteback } from './cacheFixes';
import { atLeast, VERSION_FACTS } from '../versions';
import type { Disk } from '../model';
import type { Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/**
 * aio=native submits I/O through Linux AIO, which is only asynchronous with O_DIRECT.
 * QEMU ≥ 2.6 refuses to open the image (`block/file-posix.c` `raw_open_common`); libvirt refuses
 * earlier, at define/start, for any cache other than none/directsync (`qemu_validate.c`).
 */
export const nativeAioNeedsDirect: Rule = {
  code: 'native-aio-needs-direct',
  defaultSeverity: 'error',
  summary: "aio=native / io='native' without O_DIRECT (cache none or directsync): the guest does not start",
  hasFix: true,
  check(disk, ctx) {
    const { effective, settings } = ctx;
    // With `cache=$CACHE` nobody knows before the shell runs whether the image gets O_DIRECT.
    if (effective.aio !== 'native' || !disk.aio || effective.imageDirect || effective.shellDecided) return NO_FINDINGS;
    const fixes = directOrOtherAioFixes(disk, ctx);
    const decided = effective.provenance.direct.setting;
    const related = decided ? [{ span: decided.span, message: `${describeSetting(decided)} decides that the image is opened without O_DIRECT` }] : [];
    if (disk.syntax === 'libvirt-xml') {
      const cache = disk.cache ? `cache='${disk.cache.value}'` : 'no cache attribute';
      return [{
        message: `io='native' needs cache='none' or 'directsync', but this disk has ${cache}: libvirt refuses to start the guest ("io='native' needs either no disk cache or directsync cache mode").`,
        span: disk.aio.span, related, fixes,
      }];
    }
    if (!atLeast(settings.qemuVersion, VERSION_FACTS.qemuRefusesNativeWithoutDirect)) {
      return [{
        message: `aio=native without cache.direct=on: QEMU ${settings.qemuVersion} silently falls back to aio=threads (QEMU 2.6 and later refuse to start).`,
        severity: 'warning', span: disk.aio.span, related, fixes,
      }];
    }
    return [{
      message: 'aio=native needs O_DIRECT (cache=none or directsync, or cache.direct=on): QEMU refuses to start ("aio=native was specified, but it requires cache.direct=on, which was not specified.").',
      span: disk.aio.span, related, fixes,
    }];
  },
};

function directOrOtherAioFixes(disk: Disk, ctx: RuleContext): () => (Fix | undefined)[] {
  return () => {
    const { effective, settings } = ctx;
    const ioUring = atLeast(settings.qemuVersion, VERSION_FACTS.qemuIoUring) && (disk.syntax !== 'libvirt-xml' || atLeast(settings.libvirtVersion, VERSION_FACTS.libvirtIoUring));
    return [
      cacheModeFix(disk, ctx, directModeKeepingWriteback(effective.writeback), true),
      aioModeFix(disk, ctx, 'threads'),
      ioUring ? aioModeFix(disk, ctx, 'io_uring') : undefined,
    ];
  };
}
