import { describeSetting } from './describe';
import { cacheModeFix } from './cacheFixes';
import { replaceValue } from './edits';
import { parseQemuBool } from '../modes';
import type { Disk, Setting } from '../model';
import type { Fix, Rule, RuleContext } from './types';
import { NO_FINDINGS } from './none';

/**
 * With flushes ignored (cache=unsafe, cache.no-flush=on) nothing the guest writes is durable until
 * QEMU exits: a host crash can take the guest's file-system metadata with it.
 */
export const unsafeCacheInProduction: Rule = {
  code: 'unsafe-cache-in-production',
  defaultSeverity: 'error',
  summary: 'Guest flushes are ignored (cache=unsafe or cache.no-flush=on) in a production environment',
  hasFix: true,
  check(disk, ctx) {
    const { effective, settings } = ctx;
    // A -snapshot overlay is thrown away anyway; read-only disks write nothing.
    if (settings.environment !== 'production' || !effective.noFlush || effective.snapshotOverlay || disk.readonly || effective.shellDecided) return NO_FINDINGS;
    const decided = effective.provenance.noFlush.setting;
    if (!decided) return NO_FINDINGS;
    const fixes = honourFlushesFixes(disk, decided, ctx);
    return [{
      message: `${describeSetting(decided)} ignores the guest's flushes: a host crash or power loss can lose anything written since the guest started, file-system metadata included. Fine for installs and throw-away guests, not for production (set vmdisk.environment to "development" for those).`,
      span: decided.span,
      fixes,
    }];
  },
};

/**
 * writeback keeps the host page cache the guest had, so it is preferred; with aio=native it would
 * drop the O_DIRECT native AIO needs (native-aio-needs-direct), so there none is.
 */
function honourFlushesFixes(disk: Disk, decided: Setting, ctx: RuleContext): () => (Fix | undefined)[] {
  return () => {
    if (decided.key.endsWith('no-flush') && parseQemuBool(decided.value) !== undefined) {
      return [{ title: `Honour guest flushes (${decided.key}=off)`, edits: [replaceValue(decided, false)], preferred: true }];
    }
    return ctx.effective.aio === 'native'
      ? [cacheModeFix(disk, ctx, 'none', true), cacheModeFix(disk, ctx, 'writeback')]
      : [cacheModeFix(disk, ctx, 'writeback', true), cacheModeFix(disk, ctx, 'none')];
  };
}
