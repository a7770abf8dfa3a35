import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../shared/src/analyze';
import { chain, diskNamed, parseArgs, slice } from './helpers';

describe('-drive', () => {
  it('reads every key, decodes ,, and keeps spans on the bare values', () => {
    const text = 'qemu-system-x86_64 -drive file=/img/a,,b.qcow2,format=qcow2,if=virtio,cache=none,aio=native,cache.direct=on,cache.no-flush=off,cache.writeback=on,discard=unmap,detect-zeroes=unmap,copy-on-read=on,readonly=off,snapshot=off,id=d0';
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    expect(doc.disks).toHaveLength(1);
    const d = doc.disks[0];
    expect(d).toMatchObject({ syntax: 'qemu-cmdline', name: 'd0', deviceKind: 'disk', sourceType: 'file' });
    expect(d.source?.value).toBe('/img/a,b.qcow2');
    expect(slice(text, d.source?.span)).toBe('/img/a,,b.qcow2');
    expect(slice(text, d.source?.keySpan)).toBe('file');
    const values = {
      format: d.format, cache: d.cache, aio: d.aio, cacheDirect: d.cacheDirect, cacheNoFlush: d.cacheNoFlush,
      cacheWriteback: d.cacheWriteback, discard: d.discard, detectZeroes: d.detectZeroes, copyOnRead: d.copyOnRead,
      readonly: d.readonly, snapshot: d.snapshot,
    };
    expect(Object.fromEntries(Object.entries(values).map(([k, s]) => [k, s && `${s.key}=${slice(text, s.span)}`]))).toEqual({
      format: 'format=qcow2', cache: 'cache=none', aio: 'aio=native', cacheDirect: 'cache.direct=on', cacheNoFlush: 'cache.no-flush=off',
      cacheWriteback: 'cache.writeback=on', discard: 'discard=unmap', detectZeroes: 'detect-zeroes=unmap', copyOnRead: 'copy-on-read=on',
      readonly: 'readonly=off', snapshot: 'snapshot=off',
    });
    expect(d.cache?.form).toBe('keyval');
    expect(slice(text, d.anchor)).toBe('-drive');
    expect(d.span).toEqual({ start: text.indexOf('-drive'), end: text.length });
    expect(d.groups.driver).toMatchObject({ form: 'keyval', kind: '-drive', insertAt: text.length });
    expect(d.groups.device).toBeUndefined();
    expect(d.writeCache).toBeNull();
    // Format node from format=, then the protocol node QEMU picks for the file name.
    expect(chain(d)).toEqual(['qcow2', null]);
    expect(d.nodes.map((n) => n.prefix)).toEqual(['', 'file.']);
    expect(d.nodes[0].group).toBe(d.groups.driver);
  });

  it("reads QemuOpts' short forms: a bare key is key=on, a bare noKEY is KEY=off (QEMU 7.2 warns, and starts)", () => {
    // Observed: `-drive …,aio=native,nocache` starts (cache=off is none, O_DIRECT); `…,cache` is "invalid cache option".
    const text = '-drive file=/a.raw,format=raw,if=none,id=d0,aio=native,nocache,readonly\n-device virtio-blk-pci,drive=d0\n';
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    const d = diskNamed(doc, 'd0');
    expect(d.cache).toMatchObject({ key: 'cache', value: 'off', bare: true });
    expect(slice(text, d.cache?.span)).toBe('nocache');
    expect(d.readonly).toMatchObject({ key: 'readonly', value: 'on', bare: true });
    const analysis = analyzeText(text, { languageId: 'qemu-cmdline' });
    expect(analysis.disks[0].effective.direct).toBe(true);
    expect(analysis.findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
  });

  it('-blockdev has no short forms: a bare key is an error, as QEMU says', () => {
    const text = '-blockdev driver=file,filename=/a.raw,node-name=f0,cache.direct\n';
    const doc = parseArgs(text);
    expect(doc.problems.map((p) => [slice(text, p.span), p.message])).toEqual([
      ['cache.direct', `'cache.direct' needs '=' and a value: QEMU refuses to start ("Expected '=' after parameter 'cache.direct'")`],
    ]);
  });

  it('keeps spans inside shell quotes, and inserts before the closing quote', () => {
    const text = `qemu-system-x86_64 -drive 'file=a b.img,cache=none' -drive file="x y.img",if=none,id=d1,aio=threads`;
    const doc = parseArgs(text);
    const first = doc.disks[0];
    expect(slice(text, first.source?.span)).toBe('a b.img');
    expect(slice(text, first.cache?.span)).toBe('none');
    expect(first.groups.driver?.insertAt).toBe(text.indexOf(`none'`) + 4);
    const second = diskNamed(doc, 'd1');
    expect(second.source?.value).toBe('x y.img');
    expect(slice(text, second.source?.span)).toBe('x y.img');
    expect(slice(text, second.aio?.span)).toBe('threads');
  });

  it('keeps spans right across continuations and CRLF inside the value', () => {
    const text = 'qemu-system-x86_64 \\\r\n -drive file=/var/lib/images/ünïcode-😀.qcow2,\\\r\ncache=writeback\\\r\n,aio=io_uring';
    const d = parseArgs(text).disks[0];
    expect(slice(text, d.source?.span)).toBe('/var/lib/images/ünïcode-😀.qcow2');
    expect(slice(text, d.cache?.span)).toBe('writeback');
    expect(slice(text, d.cache?.keySpan)).toBe('cache');
    expect(slice(text, d.aio?.span)).toBe('io_uring');
  });

  it('derives kinds, source types and names from if=, media= and the position', () => {
    const text = [
      'qemu-system-x86_64',
      '-drive file=/dev/sdb,format=raw',
      '-drive file=b.qcow2',
      '-drive file=boot.iso,media=cdrom',
      '-drive file=fd.img,if=floppy',
      '-drive file=v.img,if=virtio',
      '-drive file=/usr/share/OVMF/OVMF_CODE.fd,if=pflash,format=raw,readonly=on',
      '-drive file=rbd:pool/image,format=raw,if=virtio',
      '-drive file=/dev/fdset/3,if=scsi,index=9',
    ].join(' ');
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => [d.name, d.deviceKind, d.sourceType])).toEqual([
      ['ide0-hd0', 'disk', 'block'],
      ['ide0-hd1', 'disk', 'file'],
      ['ide1-cd0', 'cdrom', 'file'],
      ['floppy0', 'floppy', 'file'],
      ['virtio0', 'disk', 'file'],
      ['pflash0', 'pflash', 'file'],
      ['virtio1', 'disk', 'network'],
      ['scsi1-hd2', 'disk', 'file'],
    ]);
    expect(doc.disks[1].format).toBeNull();
  });

  it('reads dotted protocol options (file.driver, file.aio, file.cache.direct) as the file node', () => {
    const text = 'qemu-system-x86_64 -drive if=none,id=d0,driver=qcow2,file.driver=host_device,file.filename=/dev/vg/lv,file.aio=native,file.cache.direct=on,cache.direct=off,aio=threads';
    const d = parseArgs(text).disks[0];
    expect(chain(d)).toEqual(['qcow2', 'host_device']);
    expect(d.nodes[1].prefix).toBe('file.');
    expect(d.nodes[1].group).toBe(d.nodes[0].group);
    expect(d.sourceType).toBe('block');
    expect(d.source?.key).toBe('file.filename');
    expect(d.format?.value).toBe('qcow2');
    // The protocol node's own options win over the drive-level ones.
    expect(d.aio?.key).toBe('file.aio');
    expect(d.cacheDirect?.key).toBe('file.cache.direct');
  });

  it('makes a single node of a -drive whose driver is a protocol', () => {
    const d = parseArgs('qemu-system-x86_64 -drive driver=file,filename=/x.raw,aio=native,if=virtio').disks[0];
    expect(chain(d)).toEqual(['file']);
    expect(d.format).toBeNull();
    expect(d.source?.key).toBe('filename');
    expect(d.aio?.value).toBe('native');
  });

  it('reports an unused if=none drive as a disk named by its id', () => {
    const d = parseArgs('qemu-system-x86_64 -drive if=none,id=spare,file=s.img,media=cdrom').disks;
    expect(d.map((x) => [x.name, x.deviceKind])).toEqual([['spare', 'cdrom']]);
  });

  it('accepts --drive and rejects -drive=…', () => {
    const text = 'qemu-system-x86_64 --drive file=a.img -drive=file=b.img -S';
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => d.source?.value)).toEqual(['a.img']);
    expect(doc.problems).toHaveLength(1);
    expect(slice(text, doc.problems[0].span)).toBe('-drive=file=b.img');
  });
});

describe('-hda … -hdd, -cdrom, -fda, -snapshot, bare image', () => {
  it('reads the shorthands as drives at their fixed positions', () => {
    const text = 'qemu-system-x86_64 -snapshot -hdb two.img -hda one.img -cdrom boot.iso -fda fd.img -hdd four.img';
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => [d.name, d.deviceKind, d.source?.value])).toEqual([
      ['ide0-hd1', 'disk', 'two.img'],
      ['ide0-hd0', 'disk', 'one.img'],
      ['ide1-cd0', 'cdrom', 'boot.iso'],
      ['floppy0', 'floppy', 'fd.img'],
      ['ide1-hd1', 'disk', 'four.img'],
    ]);
    for (const d of doc.disks) {
      expect(d.snapshot).toMatchObject({ key: 'snapshot', value: 'on' });
      expect(slice(text, d.snapshot?.span)).toBe('-snapshot');
      expect(d.groups.driver).toBeUndefined();
      expect(chain(d)).toEqual([null, null]);
    }
    expect(slice(text, doc.disks[1].anchor)).toBe('-hda');
    expect(slice(text, doc.disks[1].span)).toBe('-hda one.img');
    expect(slice(text, doc.disks[1].source?.span)).toBe('one.img');
  });

  it('lets snapshot=off on a drive win over the global -snapshot, which does not touch -blockdev', () => {
    const doc = parseArgs('qemu-system-x86_64 -drive file=a.img,snapshot=off -snapshot -blockdev driver=file,node-name=f,filename=b.img');
    expect(doc.disks[0].snapshot?.value).toBe('off');
    expect(doc.disks[1].snapshot).toBeNull();
  });

  it('opens a bare argument as the first IDE disk, but not a $VARIABLE', () => {
    const doc = parseArgs('qemu-system-x86_64 -m 1024 disk.qcow2 $EXTRA');
    expect(doc.disks.map((d) => [d.name, d.source?.value])).toEqual([['ide0-hd0', 'disk.qcow2']]);
  });
});

describe('option arguments', () => {
  it('pairs options with their arguments, flags without', () => {
    const text = 'qemu-system-x86_64 -S -nodefaults -no-user-config -enable-kvm -nographic -m 512 -name -drive -unknown thing -no-shutdown -drive file=x.img';
    const doc = parseArgs(text);
    // `-name -drive` consumes "-drive" as the name; `-unknown thing` consumes "thing".
    expect(doc.disks.map((d) => d.source?.value)).toEqual(['x.img']);
    expect(doc.problems).toEqual([]);
  });

  it('treats a leading unknown option followed by an option as a flag', () => {
    const doc = parseArgs('qemu-system-x86_64 -some-new-flag -hda a.img');
    expect(doc.disks.map((d) => d.source?.value)).toEqual(['a.img']);
  });
});
