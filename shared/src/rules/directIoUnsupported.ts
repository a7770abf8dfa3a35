import { aioModeFix, cacheModeFix } from './cacheFixes';
import type { Disk } from '../model';
import type { Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/**
 * Only known after a probe of the image: a file system without O_DIRECT (ramfs, some FUSE, old tmpfs)
 * makes QEMU fail to open the image with cache none/directsync.
 */
export const directIoUnsupported: Rule = {
  code: 'direct-io-unsupported',
  defaultSeverity: 'error',
  summary: 'cache none/directsync on a file system that refuses O_DIRECT (found by the probe)',
  hasFix: true,
  check(disk, ctx) {
    const storage = ctx.storage;
    if (!storage || storage.directIO || !ctx.effective.imageDirect || ctx.effective.shellDecided) return NO_FINDINGS;
    const fixes = bufferedFixes(disk, ctx);
    const decided = ctx.effective.provenance.direct.setting;
    return [{
      message: `QEMU will refuse to start: the image is on ${storage.filesystem}, which does not support O_DIRECT${storage.directIOError ? ` (${storage.directIOError})` : ''}, but this disk opens it with O_DIRECT.`,
      span: decided?.span ?? disk.source?.span ?? disk.anchor,
      fixes,
    }];
  },
};

function bufferedFixes(disk: Disk, ctx: RuleContext): () => (Fix | undefined)[] {
  return () => [
    cacheModeFix(disk, ctx, ctx.effective.writeback ? 'writeback' : 'writethrough', true),
    ctx.effective.aio === 'native' ? aioModeFix(disk, ctx, 'threads') : undefined,
  ];
}
