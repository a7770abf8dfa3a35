import { describe, expect, it } from 'vitest';
import type { Setting, Span } from '../../../shared/src/model';
import { parseDomainXml } from '../../../shared/src/parse/xml';

const at = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);

/** The raw text of a setting's key and value, read back from the document. */
const raw = (text: string, s: Setting | null) => (s ? { key: at(text, s.keySpan), value: at(text, s.span), decoded: s.value } : null);

const DOMAIN = `<domain type='kvm'>
  <name>guest</name>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='writeback' io='native' discard='unmap' detect_zeroes='unmap' copy_on_read='on'/>
      <source file='/var/lib/libvirt/images/a.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <shareable/>
    </disk>
    <disk type="block" device="cdrom">
      <source dev="/dev/sr0"/>
      <target dev="hdc" bus="ide"/>
      <readonly/>
      <transient/>
    </disk>
  </devices>
</domain>
`;

describe('disks of a domain', () => {
  const parsed = parseDomainXml(DOMAIN);
  const [a, b] = parsed.disks;

  it('finds each disk with no problem', () => {
    expect(parsed.isDomain).toBe(true);
    expect(parsed.problems).toEqual([]);
    expect(parsed.disks.map((d) => d.name)).toEqual(['vda', 'hdc']);
    expect(parsed.disks.every((d) => d.syntax === 'libvirt-xml')).toBe(true);
  });

  it('spans the whole element and anchors on the tag name', () => {
    expect(at(DOMAIN, a.span)).toMatch(/^<disk type='file' device='disk'>[\s\S]*<shareable\/>\n {4}<\/disk>$/);
    expect(at(DOMAIN, a.anchor)).toBe('disk');
    expect(a.anchor.start).toBe(a.span.start + 1);
  });

  it('reads every driver attribute with key and value spans', () => {
    expect(raw(DOMAIN, a.cache)).toEqual({ key: 'cache', value: 'writeback', decoded: 'writeback' });
    expect(raw(DOMAIN, a.aio)).toEqual({ key: 'io', value: 'native', decoded: 'native' });
    expect(raw(DOMAIN, a.format)).toEqual({ key: 'type', value: 'qcow2', decoded: 'qcow2' });
    expect(raw(DOMAIN, a.discard)?.value).toBe('unmap');
    expect(raw(DOMAIN, a.detectZeroes)).toEqual({ key: 'detect_zeroes', value: 'unmap', decoded: 'unmap' });
    expect(raw(DOMAIN, a.copyOnRead)).toEqual({ key: 'copy_on_read', value: 'on', decoded: 'on' });
    expect(raw(DOMAIN, a.source)).toEqual({ key: 'file', value: '/var/lib/libvirt/images/a.qcow2', decoded: '/var/lib/libvirt/images/a.qcow2' });
    expect(a.cache?.form).toBe('xml');
  });

  it('reads type and device, with source chosen by type', () => {
    expect([a.sourceType, a.deviceKind]).toEqual(['file', 'disk']);
    expect([b.sourceType, b.deviceKind]).toEqual(['block', 'cdrom']);
    expect(raw(DOMAIN, b.source)).toEqual({ key: 'dev', value: '/dev/sr0', decoded: '/dev/sr0' });
  });

  it('turns <readonly/>, <shareable/> and <transient/> into settings on the element name', () => {
    expect(a.readonly).toBeNull();
    expect(raw(DOMAIN, a.shareable)).toEqual({ key: 'shareable', value: 'shareable', decoded: 'on' });
    expect(a.shareable?.span).toEqual(a.shareable?.keySpan);
    expect(raw(DOMAIN, b.readonly)).toEqual({ key: 'readonly', value: 'readonly', decoded: 'on' });
    expect(b.snapshot?.key).toBe('transient');
    expect(at(DOMAIN, b.snapshot?.span)).toBe('transient');
  });

  it('leaves the QEMU-only fields empty', () => {
    for (const d of parsed.disks) {
      expect([d.cacheDirect, d.cacheNoFlush, d.cacheWriteback, d.writeCache]).toEqual([null, null, null, null]);
      expect(d.nodes).toEqual([]);
    }
  });

  it('gives the disk and driver start tags as groups, with where to insert and the quote in use', () => {
    const disk = a.groups.disk!;
    const driver = a.groups.driver!;
    expect(at(DOMAIN, disk.span)).toBe("<disk type='file' device='disk'>");
    expect(DOMAIN.slice(disk.insertAt, disk.span.end)).toBe('>');
    expect(disk.quote).toBe("'");
    expect(disk.settings.map((s) => s.key)).toEqual(['type', 'device']);
    expect(at(DOMAIN, driver.span)).toMatch(/^<driver name='qemu'.*copy_on_read='on'\/>$/);
    expect(DOMAIN.slice(driver.insertAt, driver.span.end)).toBe('/>');
    expect(driver.settings.map((s) => s.key)).toEqual(['name', 'type', 'cache', 'io', 'discard', 'detect_zeroes', 'copy_on_read']);
    expect([driver.form, driver.kind, disk.kind]).toEqual(['xml', 'driver', 'disk']);
    expect(b.groups.disk?.quote).toBe('"');
  });

  it('has no driver group when there is no <driver>', () => {
    expect(b.groups.driver).toBeUndefined();
    expect(b.cache).toBeNull();
    expect(b.format).toBeNull();
  });
});

describe('defaults and odd shapes', () => {
  it('defaults type to file, device to disk, and names a disk without target by its position', () => {
    const text = '<domain><devices><disk><source file="/a.img"/></disk><disk type="file"/></devices></domain>';
    const { disks } = parseDomainXml(text);
    expect(disks.map((d) => [d.name, d.sourceType, d.deviceKind])).toEqual([
      ['disk-1', 'file', 'disk'],
      ['disk-2', 'file', 'disk'],
    ]);
    expect(disks[1].source).toBeNull();
    expect(at(text, disks[1].span)).toBe('<disk type="file"/>');
  });

  it('puts insertAt after the last attribute, before the whitespace that precedes the tag end', () => {
    const text = `<disk type='file'\n      device='disk'  >\n  <driver name="qemu"\ttype="raw" \n  />\n  <target dev='vda'/>\n</disk>`;
    const [disk] = parseDomainXml(text).disks;
    expect(text.slice(disk.groups.disk!.insertAt - 13, disk.groups.disk!.insertAt)).toBe("device='disk'");
    expect(text.slice(disk.groups.driver!.insertAt - 10, disk.groups.driver!.insertAt)).toBe('type="raw"');
    expect(disk.groups.driver!.quote).toBe('"');
  });

  it('inserts after the tag name of an attribute-less tag, and an empty <driver/> takes the disk quote', () => {
    const text = `<disk type="file"><driver/><target dev="vda"/></disk>`;
    const [disk] = parseDomainXml(text).disks;
    expect(disk.groups.driver!.insertAt).toBe(text.indexOf('<driver') + '<driver'.length);
    expect(disk.groups.driver!.quote).toBe('"');
    const bare = parseDomainXml('<disk><target dev="vda"/></disk>').disks[0];
    expect(bare.groups.disk!.quote).toBe("'");
    expect(bare.groups.disk!.insertAt).toBe('<disk'.length);
  });

  it('does not take <source> or <format> of <backingStore> or <mirror> as the disk’s', () => {
    const text = `<domain><devices>
  <disk type='file' device='disk'>
    <backingStore type='file'><format type='qcow2'/><source file='/base.qcow2'/></backingStore>
    <mirror type='file' file='/copy.img' format='raw' job='copy'><format type='raw'/><source file='/copy.img'/></mirror>
    <target dev='vda'/>
  </disk>
  <disk type='file'>
    <mirror type='file'><source file='/copy2.img'/><driver type='raw' cache='unsafe'/></mirror>
    <source file='/own.img'/>
    <target dev='vdb'/>
  </disk>
</devices></domain>`;
    const { disks, problems } = parseDomainXml(text);
    expect(problems).toEqual([]);
    expect(disks[0].source).toBeNull();
    expect(disks[0].format).toBeNull();
    expect(disks[1].source?.value).toBe('/own.img');
    expect(disks[1].cache).toBeNull();
    expect(disks[1].groups.driver).toBeUndefined();
  });

  it('ignores <snapshot> inside <source> (only <transient/> makes a snapshot)', () => {
    const text = `<disk type='network'><source protocol='rbd' name='pool/image'><host name='mon1' port='6789'/><snapshot name='s1'/></source><target dev='vda'/></disk>`;
    const [disk] = parseDomainXml(text).disks;
    expect(disk.snapshot).toBeNull();
    expect(raw(text, disk.source)).toEqual({ key: 'name', value: 'pool/image', decoded: 'pool/image' });
  });

  it('takes the volume of a volume disk, and the path of a vhost-user disk', () => {
    const vol = parseDomainXml(`<disk type='volume'><source pool='default' volume='v1'/></disk>`).disks[0];
    expect([vol.source?.key, vol.source?.value]).toEqual(['volume', 'v1']);
    const vhost = parseDomainXml(`<disk type='vhostuser'><source type='unix' path='/tmp/s.sock'/></disk>`).disks[0];
    expect([vhost.source?.key, vhost.source?.value]).toEqual(['path', '/tmp/s.sock']);
  });

  it('reads only <disk> inside <devices> or at the root', () => {
    const text = `<domainsnapshot><disks><disk name='vda' snapshot='external'/></disks></domainsnapshot>`;
    const parsed = parseDomainXml(text);
    expect(parsed.disks).toEqual([]);
    expect(parsed.isDomain).toBe(false);
  });

  it('reads several <domain> roots and bare <disk> snippets', () => {
    const text = `<domain><devices><disk><target dev='vda'/></disk></devices></domain>
<domain><devices><disk><target dev='vdb'/></disk></devices></domain>
<disk type='file'><source file='/snippet.img'/><target dev='vdc'/></disk>`;
    const parsed = parseDomainXml(text);
    expect(parsed.isDomain).toBe(true);
    expect(parsed.problems).toEqual([]);
    expect(parsed.disks.map((d) => d.name)).toEqual(['vda', 'vdb', 'vdc']);
  });

  it('takes a bare <disk> snippet as libvirt XML', () => {
    const parsed = parseDomainXml(`<?xml version="1.0"?>\n<disk type='file' device='disk'><driver name='qemu' cache='none'/><source file='/x.img'/><target dev='vdz'/></disk>\n`);
    expect(parsed.isDomain).toBe(true);
    expect(parsed.disks[0].cache?.value).toBe('none');
  });

  it('says non-domain XML is not a domain', () => {
    for (const text of ['<project><disk/></project>', '<?xml version="1.0"?><network><name>default</name></network>', '', 'just text', '<pool type="dir"><target><path>/x</path></target></pool>']) {
      expect(parseDomainXml(text).isDomain).toBe(false);
    }
  });

  it('keeps the first of duplicated children and reports duplicated attributes', () => {
    const text = `<disk><driver cache='none' cache='unsafe'/><driver cache='writeback'/><target dev='vda'/><target dev='vdb'/></disk>`;
    const { disks, problems } = parseDomainXml(text);
    expect(disks[0].cache?.value).toBe('none');
    expect(disks[0].name).toBe('vda');
    expect(problems).toHaveLength(1);
    expect(at(text, problems[0].span)).toBe('cache');
    expect(problems[0].span.start).toBe(text.indexOf("cache='unsafe'"));
  });
});
