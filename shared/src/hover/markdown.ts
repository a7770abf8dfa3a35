/**
 * Hover for a disk or one of its cache settings: the effective flags with the option that decided
 * each, what a host crash can take, the live-migration verdict, the same disk in the other syntax,
 * and for a cache or AIO value all the modes side by side. Pure: text in, Markdown out.
 */
import type { Analysis } from '../analyze';
import { aioModeOf, cacheModeOf, type EffectiveCache } from '../effectiveCache';
import type { Disk, Setting, Span } from '../model';
import { AIO_MODES, CACHE_MODES } from '../modes';
import { describeSetting } from '../rules/describe';
import { describeFlags, migrationIgnoresCache } from './describeFlags';
import { otherSyntax } from './equivalent';
import { hoverTargetAt, type HoverRole, type HoverTarget } from './hoverTarget';
import { aioModesTable, cacheModesTable, effectiveFlagsTable } from './modeTables';

export interface HoverResult {
  markdown: string;
  /** What the hover is about, for the editor to highlight. */
  span: Span;
}

export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const target = hoverTargetAt(analysis, offset);
  return target && { markdown: hoverMarkdown(target), span: target.span };
}

export function hoverMarkdown(target: HoverTarget): string {
  const { disk, effective } = target.disk;
  const sections = [
    `**${disk.name || 'disk'}**: ${describeFlags(effective, disk)}`,
    intro(target.role, target.setting, effective, disk),
    overridden(target.role, target.setting, effective),
    effectiveFlagsTable(effective),
    effective.snapshotOverlay
      ? `**Snapshot:** guest writes go to a temporary overlay that runs as cache=unsafe and is discarded when QEMU exits; the image itself is opened ${effective.imageDirect ? 'with' : 'without'} O_DIRECT.`
      : '',
    ...verdicts(disk, effective),
    otherSyntax(disk, effective),
    comparison(target.role, target.setting, effective),
  ];
  return sections.filter((s) => s !== '').join('\n\n');
}

function code(setting: Setting): string {
  return `\`${describeSetting(setting)}\``;
}

function intro(role: HoverRole, setting: Setting | null, effective: EffectiveCache, disk: Disk): string {
  if (!setting) return '';
  switch (role) {
    case 'cache': {
      const mode = cacheModeOf(setting);
      if (mode === undefined) return `${code(setting)} is not a cache mode: the default applies.`;
      return mode ? `${code(setting)}: ${mode.summary}. ${mode.useWhen}` : `${code(setting)}: no cache mode, so QEMU's default applies (writeback).`;
    }
    case 'aio': {
      const aio = aioModeOf(setting);
      if (!aio) return `${code(setting)} is not an AIO mode: QEMU refuses to start.`;
      const warning = AIO_MODES[aio].needsDirect && !effective.imageDirect ? ' **This disk has no O_DIRECT, so it does not start.**' : '';
      return `${code(setting)}: ${AIO_MODES[aio].summary}.${warning}`;
    }
    case 'cacheDirect':
      return `${code(setting)}: whether the image is opened with O_DIRECT (host page cache bypassed). It beats \`cache=\`, and child nodes inherit it unless they set their own.`;
    case 'cacheNoFlush':
      return `${code(setting)}: whether QEMU ignores the guest's flushes. It beats \`cache=\`, and child nodes inherit it unless they set their own.`;
    case 'cacheWriteback':
      return `${code(setting)}: whether the guest sees a write cache. It beats \`cache=\`; a \`write-cache\` on the device beats it.`;
    case 'writeCache':
      if (setting === disk.globalWriteCache) {
        return `${code(setting)} is a \`-global\` default: every device of this type that sets no \`write-cache\` of its own gets it, and it decides whether the guest sees a write cache, whatever the drive's cache mode says (\`auto\` keeps the drive's).`;
      }
      return `${code(setting)} on the device decides whether the guest sees a write cache, whatever the drive's cache mode says (\`auto\` keeps the drive's).`;
    case 'shareable':
      return `${code(setting)}: several guests may use this image at once. libvirt's migration check ignores the cache mode of such a disk, and the image format must allow concurrent access (raw, not qcow2).`;
    case 'readonly':
      return `${code(setting)}: the guest cannot write to this disk. libvirt's migration check ignores the cache mode of read-only disks.`;
    case 'disk':
      return '';
  }
}

const FLAGS_OF_ROLE: Partial<Record<HoverRole, { flag: keyof EffectiveCache['provenance']; name: string }[]>> = {
  cache: [
    { flag: 'writeback', name: 'the guest write cache' },
    { flag: 'direct', name: 'O_DIRECT' },
    { flag: 'noFlush', name: 'whether flushes are honoured' },
  ],
  cacheDirect: [{ flag: 'direct', name: 'O_DIRECT' }],
  cacheNoFlush: [{ flag: 'noFlush', name: 'whether flushes are honoured' }],
  cacheWriteback: [{ flag: 'writeback', name: 'the guest write cache' }],
  writeCache: [{ flag: 'writeback', name: 'the guest write cache' }],
  aio: [{ flag: 'aio', name: 'the AIO mode' }],
};

/** The flags this setting would decide but another option decides instead. */
function overridden(role: HoverRole, setting: Setting | null, effective: EffectiveCache): string {
  if (!setting) return '';
  const others = (FLAGS_OF_ROLE[role] ?? []).filter(({ flag }) => {
    const decider = effective.provenance[flag].setting;
    return !decider || decider.span.start !== setting.span.start || decider.span.end !== setting.span.end;
  });
  if (others.length === 0) return '';
  const parts = others.map(({ flag, name }) => `${name}: ${effective.provenance[flag].reason}`);
  return `**Not decided here** — ${parts.join('; ')}.`;
}

/** What a host crash and a live migration do to the disk; nothing certain while the shell decides a flag. */
function verdicts(disk: Disk, effective: EffectiveCache): string[] {
  const shell = effective.shellDecided;
  if (shell) {
    return [`**On a host crash, in a live migration:** it depends on what the shell makes of ${code(shell)}; the table shows the disk without it.`];
  }
  return [`**On a host crash:** ${atRisk(effective)}.`, `**Live migration:** ${migration(disk, effective)}`];
}

function atRisk(effective: EffectiveCache): string {
  if (effective.snapshotOverlay) return 'every guest write (they only ever live in the temporary overlay)';
  if (effective.noFlush) return CACHE_MODES.unsafe.onHostCrash;
  if (!effective.writeback) return CACHE_MODES.writethrough.onHostCrash;
  return effective.direct ? CACHE_MODES.none.onHostCrash : CACHE_MODES.writeback.onHostCrash;
}

const MIGRATABLE_FORMATS = ['raw', 'qcow2'];

function migration(disk: Disk, effective: EffectiveCache): string {
  let verdict: string;
  if (migrationIgnoresCache(disk)) {
    verdict = 'the cache mode does not matter: libvirt skips the cache check for read-only, shareable, network and CD-ROM disks.';
  } else if (effective.imageDirect) {
    verdict = 'safe on shared storage: with O_DIRECT no stale host page cache is left behind, so libvirt allows it.';
  } else {
    verdict =
      'blocked: the source host\'s page cache may hold data the destination does not see, so libvirt refuses ("Migration may lead to data corruption if disks use cache other than none or directsync") unless the image is on a cluster file system or `virsh migrate --unsafe` is used.';
  }
  const format = disk.format?.value;
  if (format && !MIGRATABLE_FORMATS.includes(format)) verdict += ` The image format ${format} cannot live-migrate (raw and qcow2 only).`;
  return verdict;
}

function comparison(role: HoverRole, setting: Setting | null, effective: EffectiveCache): string {
  if (!setting) return '';
  if (role === 'cache') return `**All cache modes** (this disk's effective one in bold):\n\n${cacheModesTable(effective.mode)}`;
  if (role === 'aio') return `**All AIO modes** (this disk's in bold):\n\n${aioModesTable(effective.aio)}`;
  return '';
}
