import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/src/analyze';
import { CACHE_MODES } from '../../shared/src/modes';

const xmlDisk = (driverAttrs: string, device = 'disk') =>
  `<disk type='file' device='${device}'><driver name='qemu' type='raw'${driverAttrs}/><source file='/i/a.raw'/><target dev='sda' bus='scsi'/></disk>`;

describe('effective flags of libvirt XML', () => {
  for (const [name, mode] of Object.entries(CACHE_MODES)) {
    it(`cache='${name}' gives the table's flags`, () => {
      const [d] = analyzeText(xmlDisk(` cache='${name}'`), { languageId: 'xml' }).disks;
      expect({ writeback: d.effective.writeback, direct: d.effective.direct, noFlush: d.effective.noFlush }).toEqual(mode.flags);
      expect(d.effective.mode).toBe(name);
      expect(d.effective.provenance.direct.setting?.value).toBe(name);
    });
  }
  it("no cache attribute and cache='default' mean QEMU's default, writeback", () => {
    for (const attrs of ['', " cache='default'"]) {
      const [d] = analyzeText(xmlDisk(attrs), { languageId: 'xml' }).disks;
      expect(d.effective.mode).toBe('writeback');
      expect(d.effective.provenance.direct.setting).toBeNull();
    }
  });
  it("device='lun' keeps the guest's write cache whatever the mode (libvirt sets no write-cache)", () => {
    const [d] = analyzeText(xmlDisk(" cache='directsync'", 'lun'), { languageId: 'xml' }).disks;
    expect(d.effective.writeback).toBe(true);
    expect(d.effective.direct).toBe(true);
  });
  it('io values map to aio modes', () => {
    const [d] = analyzeText(xmlDisk(" cache='none' io='io_uring'"), { languageId: 'xml' }).disks;
    expect(d.effective.aio).toBe('io_uring');
  });
});

describe('effective flags of QEMU command lines', () => {
  const one = (args: string) => analyzeText(`qemu-system-x86_64 ${args}\n`, { languageId: 'qemu-cmdline' }).disks;
  it('the device write-cache beats the drive', () => {
    const [d] = one('-drive file=/i/a.raw,format=raw,if=none,id=d0,cache=writethrough -device virtio-blk-pci,drive=d0,write-cache=on');
    expect(d.effective.writeback).toBe(true);
    expect(d.effective.provenance.writeback.reason).toContain('on the device');
  });
  it('a throttle filter without cache options does not hide cache.direct of the file node', () => {
    const [d] = one(`-object throttle-group,id=tg0 -blockdev '{"driver":"file","filename":"/i/a.raw","node-name":"f0","cache":{"direct":true},"aio":"native"}' -blockdev '{"driver":"raw","file":"f0","node-name":"r0"}' -blockdev '{"driver":"throttle","throttle-group":"tg0","file":"r0","node-name":"t0"}' -device virtio-blk-pci,drive=t0`);
    expect(d.effective.direct).toBe(true);
    expect(d.effective.aio).toBe('native');
  });
  it('children inherit cache.direct from the parent node', () => {
    const [d] = one(`-blockdev '{"driver":"qcow2","node-name":"q0","cache":{"direct":true},"file":{"driver":"file","filename":"/i/a.qcow2"}}' -device virtio-blk-pci,drive=q0`);
    expect(d.effective.direct).toBe(true);
    expect(d.effective.provenance.direct.reason).toContain('inherited');
  });
  it('-snapshot writes to an unsafe overlay while the image keeps O_DIRECT', () => {
    const [d] = one('-drive file=/i/a.raw,format=raw,if=virtio,cache=none -snapshot');
    expect(d.effective).toMatchObject({ writeback: true, direct: false, noFlush: true, imageDirect: true, snapshotOverlay: true });
  });
});

describe('libvirt defaults', () => {
  it('a writable <shareable/> disk without a cache mode runs as cache=none (libvirt pair disk-shared)', () => {
    const text = "<disk type='block' device='disk'><driver name='qemu' type='raw'/><source dev='/dev/sdb'/><target dev='vdb'/><shareable/></disk>";
    const [d] = analyzeText(text, { languageId: 'xml' }).disks;
    expect(d.effective.mode).toBe('none');
    expect(d.effective.provenance.direct.reason).toContain('libvirt uses cache=none');
    const ro = analyzeText(text.replace('<shareable/>', '<shareable/><readonly/>'), { languageId: 'xml' }).disks[0];
    expect(ro.effective.mode).toBe('writeback');
  });
});
