import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_MODES, type CacheModeName } from '../../../shared/src/modes';
import { chain, diskNamed, parseArgs, slice } from './helpers';

const CORPUS = '/work/shared/corpus/libvirt';

function argsFiles(dir: string): string[] {
  return readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith('.args'))
    .map((f) => join(CORPUS, dir, f));
}

/**
 * Counted independently of the parser, on the text with libvirt's line wrapping removed:
 * `-device`s with a drive, plus `-blockdev` node-names no `file`, `backing` or `drive` names.
 */
function expectedDiskCount(text: string): number {
  // ` \` ends an option line; a backslash right after other text wraps a long value.
  const unwrapped = text.replace(/ \\\n/g, '\n').replace(/\\\n/g, '');
  const devices = unwrapped.split('\n').filter((l) => l.startsWith('-device ') && /"drive":"|[,\s]drive=/.test(l)).length;
  const defined = [...unwrapped.matchAll(/"node-name":"([^"]+)"/g)].map((m) => m[1]);
  const used = new Set([...unwrapped.matchAll(/"(?:file|backing|drive)":"([^"]+)"|[,\s]drive=([^,\s]+)/g)].map((m) => m[1] ?? m[2]));
  return devices + defined.filter((n) => !used.has(n)).length;
}

describe('libvirt corpus', () => {
  const old = argsFiles('v4.0.0');
  const latest = argsFiles('latest');

  it('has the files the tests expect', () => {
    expect(old.length).toBeGreaterThan(400);
    expect(latest.length).toBeGreaterThan(30);
  });

  it('parses every .args file without problems', () => {
    for (const file of [...old, ...latest]) {
      const doc = parseArgs(readFileSync(file, 'utf8'));
      expect({ file, problems: doc.problems }).toEqual({ file, problems: [] });
    }
  });

  it('finds one disk per -drive or shorthand in the v4.0.0 files', () => {
    let total = 0;
    for (const file of old) {
      const text = readFileSync(file, 'utf8');
      const doc = parseArgs(text);
      // qemu-ns* pass an extra bare `ARGUMENT` through <qemu:commandline>, which QEMU opens as a disk image.
      const bare = /^-device .* ARGUMENT$/m.test(text) ? 1 : 0;
      expect({ file, disks: doc.disks.length }).toEqual({ file, disks: (text.match(/^-(drive|hd[a-d]|cdrom|fd[ab]) /gm) ?? []).length + bare });
      total += doc.disks.length;
    }
    expect(total).toBeGreaterThan(600);
  });

  it('finds one disk per -device with a drive plus each unused backend in the latest files', () => {
    let total = 0;
    for (const file of latest) {
      const text = readFileSync(file, 'utf8');
      const expected = expectedDiskCount(text);
      expect({ file, disks: parseArgs(text).disks.length }).toEqual({ file, disks: expected });
      total += expected;
    }
    expect(total).toBeGreaterThan(100);
  });

  it('reads disk-cache: cache flags on the storage node and write-cache on the device, as the XML cache modes say', () => {
    const text = readFileSync(join(CORPUS, 'latest/disk-cache.x86_64-latest.args'), 'utf8');
    const xml = readFileSync(join(CORPUS, 'latest/disk-cache.xml'), 'utf8');
    const modes = [...xml.matchAll(/cache='(\w+)'/g)].map((m) => m[1] as CacheModeName);
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => d.name)).toEqual(['ide0-0-0', 'ide0-0-1', 'scsi0-0-0', 'virtio-disk0', 'usb-disk1']);
    expect(modes).toEqual(['writeback', 'unsafe', 'none', 'writethrough', 'directsync']);
    doc.disks.forEach((d, i) => {
      const flags = CACHE_MODES[modes[i]].flags;
      expect(d.cacheDirect).toMatchObject({ key: 'cache.direct', value: String(flags.direct), form: 'json', jsonType: 'boolean' });
      expect(d.cacheNoFlush).toMatchObject({ key: 'cache.no-flush', value: String(flags.noFlush), jsonType: 'boolean' });
      expect(slice(text, d.cacheDirect?.span)).toBe(String(flags.direct));
      expect(d.writeCache).toMatchObject({ value: flags.writeback ? 'on' : 'off', jsonType: 'string' });
      expect(slice(text, d.writeCache?.span)).toBe(`"${d.writeCache?.value}"`);
      expect(chain(d)).toEqual(['qcow2', 'host_device']);
      expect(d.sourceType).toBe('block');
      expect(d.cache).toBeNull();
      expect(d.groups.driver?.children?.cache.settings.map((s) => s.key)).toEqual(['direct', 'no-flush']);
    });
    expect(diskNamed(doc, 'usb-disk1').deviceKind).toBe('disk');
  });

  it('reads disk-aio: aio on the storage node of a JSON chain, cdrom from ide-cd', () => {
    const text = readFileSync(join(CORPUS, 'latest/disk-aio.x86_64-latest.args'), 'utf8');
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => [d.name, d.deviceKind, d.aio?.value, d.format?.value, d.readonly?.value])).toEqual([
      ['ide0-0-0', 'disk', 'native', 'qcow2', 'false'],
      ['ide0-1-0', 'cdrom', 'threads', 'raw', 'true'],
    ]);
    expect(slice(text, doc.disks[0].aio?.span)).toBe('"native"');
  });

  it('reads the v4.0.0 -drive era: legacy cache= and aio= on the drive', () => {
    const text = readFileSync(join(CORPUS, 'v4.0.0/disk-aio.args'), 'utf8');
    const doc = parseArgs(text);
    const d = doc.disks[0];
    expect(d.cache && slice(text, d.cache.span)).toBe(d.cache?.value);
    expect(doc.disks.some((x) => x.aio?.value === 'native')).toBe(true);
    expect(d.groups.driver?.kind).toBe('-drive');
    expect(d.groups.device?.kind).toBe('-device');
  });

  it('reads disk-slices and disk-source-fd: backing nodes are not disks, format is the first non-protocol node', () => {
    const slices = parseArgs(readFileSync(join(CORPUS, 'latest/disk-slices.x86_64-latest.args'), 'utf8'));
    expect(slices.disks.map((d) => [d.name, chain(d), d.format?.value, d.sourceType])).toEqual([
      ['virtio-disk0', ['raw', 'file'], 'raw', 'file'],
      ['virtio-disk1', ['qcow2', 'file'], 'qcow2', 'file'],
      ['virtio-disk2', ['luks', 'raw', 'file'], 'luks', 'file'],
      ['virtio-disk3', ['raw', 'nvme'], 'raw', 'nvme'],
      ['virtio-disk4', ['qcow2', 'raw', 'nvme'], 'qcow2', 'nvme'],
    ]);
    const fd = parseArgs(readFileSync(join(CORPUS, 'latest/disk-source-fd.x86_64-latest.args'), 'utf8'));
    expect(fd.disks.map((d) => [d.name, d.deviceKind, d.sourceType])).toEqual([
      ['virtio-disk4', 'disk', 'file'],
      ['virtio-disk5', 'disk', 'file'],
      ['ide0-0-0', 'cdrom', 'file'],
      ['ide0-0-1', 'cdrom', 'file'],
    ]);
  });
});
