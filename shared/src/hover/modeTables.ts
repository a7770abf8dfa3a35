/** Markdown tables for hover: one disk's effective flags, and all cache / AIO modes side by side. */
import type { EffectiveCache, FlagSource } from '../effectiveCache';
import { AIO_MODES, CACHE_MODES, DEFAULT_AIO_MODE, DEFAULT_CACHE_MODE, type AioModeName, type CacheModeName } from '../modes';

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** Table cells must not break the table. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function decidedBy(source: FlagSource): string {
  return cell(source.reason);
}

/**
 * The effective flags with the option that decided each. O_DSYNC semantics exist when the guest sees
 * no write cache (every write is followed by a flush) — unless flushes are ignored, which voids them.
 */
export function effectiveFlagsTable(effective: EffectiveCache): string {
  const { provenance: p } = effective;
  const dsync = !effective.writeback && !effective.noFlush;
  const dsyncCell = !effective.writeback && effective.noFlush ? 'no (the flushes that would make writes synchronous are ignored)' : yesNo(dsync);
  const directCell = effective.snapshotOverlay
    ? `no for the overlay; the image below: ${effective.imageDirect ? 'yes' : 'no'}`
    : yesNo(effective.direct);
  const rows = [
    ['Host page cache', effective.direct ? 'bypassed' : 'used', decidedBy(p.direct)],
    ['O_DSYNC (writes done only once on storage)', dsyncCell, !effective.writeback && effective.noFlush ? `${decidedBy(p.writeback)}; ${decidedBy(p.noFlush)}` : decidedBy(p.writeback)],
    ['O_DIRECT', directCell, decidedBy(p.direct)],
    ['Guest sees a write cache (must flush)', yesNo(effective.writeback), decidedBy(p.writeback)],
    ['Guest flushes honoured', yesNo(!effective.noFlush), decidedBy(p.noFlush)],
    ['AIO', effective.aio, decidedBy(p.aio)],
  ];
  return ['| Effective | This disk | Decided by |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Every cache mode, the current one in bold. `current` undefined: no named mode matches. */
export function cacheModesTable(current: CacheModeName | undefined): string {
  const head = '| cache | Host page cache | O_DSYNC | O_DIRECT | Guest write cache | Flushes honoured | Lost on a host crash | Live migration |';
  const rows = (Object.keys(CACHE_MODES) as CacheModeName[]).map((name) => {
    const m = CACHE_MODES[name];
    const label = name === DEFAULT_CACHE_MODE ? `${name} (default)` : name;
    const cells = [
      label,
      m.hostPageCache ? 'used' : 'bypassed',
      yesNo(m.dsync),
      yesNo(m.flags.direct),
      yesNo(m.flags.writeback),
      yesNo(!m.flags.noFlush),
      cell(m.onHostCrash),
      m.migrationSafe ? 'safe' : 'refused by libvirt',
    ];
    return `| ${(name === current ? cells.map((c) => `**${c}**`) : cells).join(' | ')} |`;
  });
  return [head, '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

export function aioModesTable(current: AioModeName): string {
  const head = '| aio | Needs O_DIRECT | QEMU | libvirt | What it does |';
  const rows = (Object.keys(AIO_MODES) as AioModeName[]).map((name) => {
    const m = AIO_MODES[name];
    const label = name === DEFAULT_AIO_MODE ? `${name} (default)` : name;
    const cells = [label, yesNo(m.needsDirect), since(m.since.qemu), since(m.since.libvirt), cell(m.summary)];
    return `| ${(name === current ? cells.map((c) => `**${c}**`) : cells).join(' | ')} |`;
  });
  return [head, '|---|---|---|---|---|', ...rows].join('\n');
}

/** `0.0` in the table means "as far back as it matters". */
function since(version: string): string {
  return version === '0.0' ? 'any' : `≥ ${version}`;
}
