/**
 * The hover Markdown (pure): the table of effective flags with provenance, the crash and migration
 * lines, the other syntax, and the comparison tables. The "other syntax" part is checked against
 * libvirt's own translations in the corpus: what the hover says libvirt writes is what it wrote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, type Analysis, type AnalyzedDisk } from '../../shared/src/analyze';
import { hoverAt } from '../../shared/src/hover/markdown';

const CORPUS = '/work/shared/corpus/libvirt/latest';

function hover(text: string, languageId: string, needle: string, delta = 0): string {
  const analysis = analyzeText(text, { languageId });
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const result = hoverAt(analysis, at + delta);
  if (!result) throw new Error(`no hover at ${needle}`);
  return result.markdown;
}

const xmlDisk = (driver: string, extra = '') => `<domain type='kvm'><devices>
  <disk type='file' device='disk'>
    <driver name='qemu' type='qcow2' ${driver}/>
    <source file='/var/lib/libvirt/images/a.qcow2'/>
    <target dev='vda' bus='virtio'/>${extra}
  </disk>
</devices></domain>
`;

/** The row of a Markdown table whose first cell is `first`, as cells. */
function row(markdown: string, first: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`) || l.startsWith(`| **${first}`));
  if (!line) throw new Error(`no row ${first} in\n${markdown}`);
  return line.slice(2, -2).split(' | ');
}

describe('hover on libvirt XML', () => {
  it("cache='none' io='native': the effective flags, each with what decided it", () => {
    const md = hover(xmlDisk("cache='none' io='native'"), 'xml', "'none'", 1);
    expect(md.split('\n')[0]).toBe('**vda**: cache=none · O_DIRECT · guest write cache · guest flushes honoured · aio=native · migration-safe');
    expect(row(md, 'Host page cache')).toEqual(['Host page cache', 'bypassed', "cache='none'"]);
    expect(row(md, 'O_DSYNC (writes done only once on storage)')).toEqual(['O_DSYNC (writes done only once on storage)', 'no', "cache='none'"]);
    expect(row(md, 'O_DIRECT')).toEqual(['O_DIRECT', 'yes', "cache='none'"]);
    expect(row(md, 'Guest sees a write cache (must flush)')).toEqual(['Guest sees a write cache (must flush)', 'yes', "cache='none'"]);
    expect(row(md, 'Guest flushes honoured')).toEqual(['Guest flushes honoured', 'yes', "cache='none'"]);
    expect(row(md, 'AIO')).toEqual(['AIO', 'native', "io='native'"]);
    expect(md).toContain('**On a host crash:** writes the guest has not flushed yet (held by the storage device).');
    expect(md).toContain('**Live migration:** safe on shared storage');
  });

  it('shows the QEMU equivalent the way libvirt ≥ 5.10 writes it', () => {
    const md = hover(xmlDisk("cache='directsync' io='native'"), 'xml', '<disk', 1);
    expect(md).toContain(
      [
        '```sh',
        `-blockdev '{"driver":"file","filename":"/var/lib/libvirt/images/a.qcow2","aio":"native","node-name":"libvirt-N-storage","cache":{"direct":true,"no-flush":false}}'`,
        `-blockdev '{"node-name":"libvirt-N-format","read-only":false,"cache":{"direct":true,"no-flush":false},"driver":"qcow2","file":"libvirt-N-storage"}'`,
        '-device …,drive=libvirt-N-format,write-cache=off',
        '```',
      ].join('\n'),
    );
  });

  it('a cache value compares all modes, the effective one in bold', () => {
    const md = hover(xmlDisk("cache='writethrough'"), 'xml', "'writethrough'", 1);
    expect(row(md, 'writethrough')).toEqual(['**writethrough**', '**used**', '**yes**', '**no**', '**no**', '**yes**', '**nothing that was reported written**', '**refused by libvirt**']);
    expect(row(md, 'none')).toEqual(['none', 'bypassed', 'no', 'yes', 'yes', 'yes', 'writes the guest has not flushed yet (held by the storage device)', 'safe']);
    expect(row(md, 'unsafe')[6]).toBe('anything written since the guest started, file-system metadata included');
    expect(row(md, 'writeback (default)')[0]).toBe('writeback (default)');
  });

  it('an io value compares the AIO modes and warns when it cannot start', () => {
    const md = hover(xmlDisk("cache='writeback' io='native'"), 'xml', "'native'", 1);
    expect(md).toContain("`io='native'`: Linux native AIO; needs O_DIRECT (cache none or directsync). **This disk has no O_DIRECT, so it does not start.**");
    expect(row(md, 'io_uring')).toEqual(['io_uring', 'no', '≥ 5.0', '≥ 6.3.0', 'Linux io_uring; works with or without O_DIRECT']);
    expect(row(md, 'native')[0]).toBe('**native**');
  });

  it('<shareable/> and <readonly/> explain themselves and lift the migration verdict', () => {
    const shared = hover(xmlDisk("cache='writeback'", '\n    <shareable/>'), 'xml', 'shareable');
    expect(shared).toContain("`<shareable/>`: several guests may use this image at once.");
    expect(shared).toContain('**Live migration:** the cache mode does not matter');
    const ro = hover(xmlDisk("cache='writeback'", '\n    <readonly/>'), 'xml', 'readonly');
    expect(ro).toContain('`<readonly/>`: the guest cannot write to this disk.');
  });

  it('no cache attribute: QEMU defaults, and libvirt writes no cache options', () => {
    const md = hover(xmlDisk(''), 'xml', '<disk', 1);
    expect(row(md, 'Host page cache')).toEqual(['Host page cache', 'used', 'no cache mode set: QEMU default (writeback)']);
    expect(md).toContain(`-blockdev '{"driver":"file","filename":"/var/lib/libvirt/images/a.qcow2","node-name":"libvirt-N-storage"}'`);
    expect(md).toContain('-device …,drive=libvirt-N-format\n');
    expect(md).toContain("No cache mode is set, so libvirt writes no cache options and QEMU's defaults apply (writeback).");
  });

  it('nothing to hover outside disks', () => {
    const text = xmlDisk("cache='none'");
    expect(hoverAt(analyzeText(text, { languageId: 'xml' }), text.indexOf('<devices>') + 2)).toBeUndefined();
  });
});

describe('hover on QEMU command lines', () => {
  const drive = 'qemu-system-x86_64 -drive file=/srv/a.raw,format=raw,if=none,id=d0,cache=none,aio=native -device virtio-blk-pci,drive=d0,write-cache=off\n';

  it('write-cache on the device overrides the drive; the hover says which option decided what', () => {
    const md = hover(drive, 'qemu-cmdline', 'cache=none', 6);
    expect(row(md, 'Guest sees a write cache (must flush)')).toEqual(['Guest sees a write cache (must flush)', 'no', 'write-cache=off on the device']);
    expect(row(md, 'O_DIRECT')).toEqual(['O_DIRECT', 'yes', 'cache=none']);
    expect(md).toContain('**Not decided here** — the guest write cache: write-cache=off on the device.');
    // The effective mode, not the word written, is what libvirt would need.
    expect(md).toContain("```xml\n<driver name='qemu' type='raw' cache='directsync' io='native'/>\n```");
    expect(row(md, 'directsync')[0]).toBe('**directsync**');
  });

  it('the -device itself shows its disk', () => {
    const md = hover(drive, 'qemu-cmdline', 'virtio-blk-pci', 3);
    expect(md.split('\n')[0]).toBe('**d0**: cache=directsync · O_DIRECT · O_DSYNC · guest flushes honoured · aio=native · migration-safe');
  });

  it('write-cache itself', () => {
    const md = hover(drive, 'qemu-cmdline', 'write-cache', 2);
    expect(md).toContain("`write-cache=off` on the device decides whether the guest sees a write cache, whatever the drive's cache mode says");
  });

  it('a flag the shell decides: said first, and no verdict on crashes or migration', () => {
    const text = 'qemu-system-x86_64 -drive file=/srv/a.raw,format=raw,if=virtio,cache=$CACHE,aio=native\n';
    const md = hover(text, 'shellscript', 'aio=native', 5);
    expect(md.split('\n')[0]).toBe('**virtio0**: cache=$CACHE is decided by the shell; without it: cache=writeback · host page cache · guest write cache · guest flushes honoured · aio=native');
    expect(md).toContain("**On a host crash, in a live migration:** it depends on what the shell makes of `cache=$CACHE`");
    expect(md).not.toContain('**Live migration:**');
  });

  it('a -global write-cache default: named as what decided, and explained where it is written', () => {
    const text = 'qemu-system-x86_64 -drive file=/srv/a.raw,format=raw,if=virtio,cache=writeback -global virtio-blk-pci.write-cache=off\n';
    const md = hover(text, 'qemu-cmdline', 'cache=writeback', 6);
    expect(row(md, 'Guest sees a write cache (must flush)')).toEqual([
      'Guest sees a write cache (must flush)',
      'no',
      'virtio-blk-pci.write-cache=off (-global default for the device)',
    ]);
    const onGlobal = hover(text, 'qemu-cmdline', 'write-cache=off', 12);
    expect(onGlobal).toContain('`virtio-blk-pci.write-cache=off` is a `-global` default: every device of this type that sets no `write-cache` of its own gets it');
  });

  it('cache.direct and cache.no-flush in JSON -blockdev, with flags no libvirt mode has', () => {
    const text = `qemu-system-x86_64 -blockdev '{"driver":"file","filename":"/srv/b.raw","node-name":"s0","cache":{"direct":true,"no-flush":true}}' -device virtio-blk-pci,drive=s0\n`;
    const md = hover(text, 'qemu-cmdline', '"no-flush"', 2);
    expect(md).toContain('`"no-flush": true`: whether QEMU ignores the guest\'s flushes.');
    expect(row(md, 'Guest flushes honoured')).toEqual(['Guest flushes honoured', 'no', '"cache.no-flush": true']);
    expect(md).toContain('libvirt has no cache mode with these flags (O_DIRECT on, guest write cache on, flushes ignored)');
    expect(md).toContain('**On a host crash:** anything written since the guest started, file-system metadata included.');
  });

  it('-drive without cache options: the XML needs no cache attribute', () => {
    const text = 'qemu-system-x86_64 -drive file=/srv/c.qcow2,format=qcow2,if=virtio\n';
    const md = hover(text, 'qemu-cmdline', '-drive', 1);
    expect(md).toContain("```xml\n<driver name='qemu' type='qcow2'/>\n```");
    expect(md).toContain("No cache option is set here, so the XML needs no cache attribute: both run with QEMU's default (writeback).");
  });
});

/**
 * Pairs of the corpus with their disks matched by source path (QEMU gets the disks in device
 * order, not XML order), each path taken once, in order, since several disks may share one.
 */
function corpusPairs(): { name: string; pairs: [AnalyzedDisk, AnalyzedDisk][]; xml: Analysis; args: Analysis }[] {
  const out = [];
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.xml'))) {
    const base = file.slice(0, -4);
    const argsFile = readdirSync(CORPUS).find((f) => f.startsWith(`${base}.`) && f.endsWith('.args'));
    if (!argsFile) continue;
    const xml = analyzeText(readFileSync(join(CORPUS, file), 'utf8'), { languageId: 'xml' });
    const args = analyzeText(readFileSync(join(CORPUS, argsFile), 'utf8'), { languageId: 'qemu-cmdline' });
    const unused = [...args.disks];
    const pairs: [AnalyzedDisk, AnalyzedDisk][] = [];
    for (const x of xml.disks) {
      const i = unused.findIndex((a) => x.disk.source !== null && a.disk.source?.value === x.disk.source.value);
      if (i >= 0) pairs.push([x, unused.splice(i, 1)[0]]);
    }
    out.push({ name: base, pairs, xml, args });
  }
  return out;
}

describe('the other syntax agrees with libvirt’s own translation (corpus/libvirt/latest)', () => {
  const pairs = corpusPairs();

  it('matches most disks of the corpus (network sources are named differently in QEMU)', () => {
    const matched = pairs.reduce((n, p) => n + p.pairs.length, 0);
    expect(matched).toBeGreaterThanOrEqual(60);
  });

  it('XML hover → the cache and aio QEMU really got', () => {
    let compared = 0;
    for (const { name, pairs: matched, xml } of pairs) {
      for (const [{ disk }, { effective: real }] of matched) {
        const md = hoverAt(xml, disk.anchor.start)!.markdown;
        // Network sources have a protocol driver the disk model does not carry: shown as `…`.
        const storage = JSON.parse(/^-blockdev '(.*)'$/m.exec(md)![1].replace('"driver":…,', '')) as { aio?: string; cache?: { direct: boolean; 'no-flush': boolean } };
        const device = /^-device (.*)$/m.exec(md)![1];
        const where = `${name} disk ${disk.name}`;
        expect(storage.aio ?? 'threads', where).toBe(real.aio);
        if (storage.cache) {
          expect({ direct: storage.cache.direct, noFlush: storage.cache['no-flush'] }, where).toEqual({ direct: real.direct, noFlush: real.noFlush });
          const wc = /write-cache=(on|off)/.exec(device);
          if (wc) expect(wc[1] === 'on', where).toBe(real.writeback);
          compared++;
        } else {
          expect({ writeback: real.writeback, direct: real.direct, noFlush: real.noFlush }, where).toEqual({ writeback: true, direct: false, noFlush: false });
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('QEMU hover → the XML libvirt translated it from', () => {
    let compared = 0;
    for (const { name, pairs: matched, args } of pairs) {
      for (const [{ disk: source }, { disk }] of matched) {
        const md = hoverAt(args, disk.anchor.start)!.markdown;
        const driver = /^<driver (.*)\/>$/m.exec(md)![1];
        const where = `${name} disk ${source.name}`;
        const cache = /cache='([a-z]+)'/.exec(driver)?.[1];
        // libvirt opens a writable <shareable/> disk without a cache mode with cache=none.
        const sharedDefault = source.shareable && !source.readonly ? 'none' : undefined;
        const written = source.cache && source.cache.value !== 'default' ? source.cache.value : sharedDefault;
        expect(cache, where).toBe(written);
        if (written) compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });
});
