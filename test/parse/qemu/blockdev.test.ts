import { describe, expect, it } from 'vitest';
import { chain, diskNamed, parseArgs, slice } from './helpers';

describe('-blockdev key=value', () => {
  it('reads dotted inline children as nodes of the same group', () => {
    const text = 'qemu-system-x86_64 -blockdev driver=qcow2,node-name=fmt,file.driver=file,file.filename=/x.qcow2,file.aio=native,file.cache.direct=on,read-only=on -device virtio-blk-pci,drive=fmt,id=vd0';
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    const d = diskNamed(doc, 'vd0');
    expect(chain(d)).toEqual(['qcow2', 'file']);
    expect(d.nodes.map((n) => n.prefix)).toEqual(['', 'file.']);
    expect(d.nodes[0].nodeName?.value).toBe('fmt');
    expect(d.format?.value).toBe('qcow2');
    expect(d.sourceType).toBe('file');
    expect(d.source?.key).toBe('file.filename');
    expect(d.aio?.key).toBe('file.aio');
    expect(slice(text, d.aio?.span)).toBe('native');
    expect(d.cacheDirect?.key).toBe('file.cache.direct');
    expect(d.readonly?.value).toBe('on');
    expect(d.cache).toBeNull();
    expect(d.groups.driver?.kind).toBe('-blockdev');
    expect(d.groups.driver?.insertAt).toBe(text.indexOf(' -device'));
  });

  it('takes a leading bare word as the driver', () => {
    const d = parseArgs('qemu-system-x86_64 -blockdev file,node-name=f0,filename=/f').disks[0];
    expect(d.nodes[0].driver?.value).toBe('file');
    expect(d.name).toBe('f0');
  });

  it('names an unused backend without node-name after its file', () => {
    expect(parseArgs('qemu-system-x86_64 -blockdev driver=file,filename=/images/a.raw').disks[0].name).toBe('/images/a.raw');
  });

  it('follows file references through filters to the protocol node, never backing', () => {
    const text = [
      'qemu-system-x86_64',
      '-blockdev driver=file,node-name=base-file,filename=/base.qcow2',
      '-blockdev driver=qcow2,node-name=base,file=base-file',
      '-blockdev driver=host_device,node-name=top-file,filename=/dev/vg/top,aio=native,cache.direct=on,discard=unmap',
      '-blockdev driver=qcow2,node-name=top,file=top-file,backing=base,cache.direct=off',
      '-blockdev driver=throttle,node-name=thr,throttle-group=tg0,file=top',
      '-device virtio-blk-pci,drive=thr,id=disk0,write-cache=off',
    ].join(' ');
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    // Backing and protocol nodes are part of disk0, not disks of their own.
    expect(doc.disks).toHaveLength(1);
    const d = doc.disks[0];
    expect(chain(d)).toEqual(['throttle', 'qcow2', 'host_device']);
    expect(d.format?.value).toBe('qcow2');
    expect(d.sourceType).toBe('block');
    expect(d.source?.value).toBe('/dev/vg/top');
    expect(d.aio?.value).toBe('native');
    // The protocol node opened by its own option does not inherit the format node's cache.direct.
    expect(d.cacheDirect?.value).toBe('on');
    expect(d.discard?.value).toBe('unmap');
    expect(d.writeCache?.value).toBe('off');
    expect(d.groups.driver?.settings.find((s) => s.key === 'driver')?.value).toBe('throttle');
    expect(slice(text, d.span)).toBe('-device virtio-blk-pci,drive=thr,id=disk0,write-cache=off');
    expect(slice(text, d.anchor)).toBe('-device');
  });

  it('does not let a protocol node inherit cache.direct from a format node written separately', () => {
    const doc = parseArgs('qemu-system-x86_64 -blockdev driver=file,node-name=f,filename=/x -blockdev driver=raw,node-name=r,file=f,cache.direct=on -device virtio-blk-pci,drive=r');
    expect(doc.disks[0].cacheDirect).toBeNull();
  });

  it('reports unused backends as disks, except nodes that are only children or backing', () => {
    const text = [
      'qemu-system-x86_64',
      '-blockdev driver=file,node-name=lonely,filename=/lonely.img',
      '-blockdev driver=file,node-name=b-file,filename=/b.qcow2',
      '-blockdev driver=qcow2,node-name=b,file=b-file',
      '-blockdev driver=file,node-name=o-file,filename=/o.qcow2',
      '-blockdev driver=qcow2,node-name=overlay,file=o-file,backing=b',
    ].join(' ');
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => [d.name, chain(d)])).toEqual([
      ['lonely', ['file']],
      ['overlay', ['qcow2', 'file']],
    ]);
    expect(doc.disks.every((d) => d.groups.device === undefined && d.writeCache === null)).toBe(true);
  });

  it('reports references to nodes that do not exist', () => {
    const text = 'qemu-system-x86_64 -blockdev driver=qcow2,node-name=q,file=ghost -device virtio-blk-pci,drive=nowhere -device ide-hd,drive=q';
    const doc = parseArgs(text);
    expect(doc.problems.map((p) => [p.message, slice(text, p.span), p.severity])).toEqual([
      ["node 'ghost' is not defined by any -blockdev", 'ghost', 'error'],
      ["drive 'nowhere' is not defined by any -drive or -blockdev", 'nowhere', 'error'],
    ]);
    expect(doc.disks.map((d) => [d.name, chain(d), d.sourceType])).toEqual([['q', ['qcow2'], null]]);
  });
});

describe('-blockdev JSON', () => {
  it('reads nested inline nodes, dotted keys, JSON spans and child groups', () => {
    const json = '{"driver":"qcow2","node-name":"n0","file":{"driver":"file","filename":"/var/lib/images/ünïcode-😀.qcow2","aio":"native"},"cache":{"direct":true}}';
    const text = `qemu-system-x86_64 -blockdev '${json}' -device '{"driver":"virtio-blk-pci","drive":"n0","id":"vd0","write-cache":"on"}'`;
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    const d = diskNamed(doc, 'vd0');
    expect(chain(d)).toEqual(['qcow2', 'file']);
    const root = d.groups.driver!;
    expect(root).toMatchObject({ form: 'json', kind: '-blockdev' });
    expect(d.nodes[0].group).toBe(root);
    expect(d.nodes[1].group).toBe(root.children?.file);
    expect(d.nodes[1].prefix).toBe('');
    expect(d.aio).toMatchObject({ key: 'aio', value: 'native', form: 'json', jsonType: 'string' });
    expect(slice(text, d.aio?.span)).toBe('"native"');
    expect(slice(text, d.aio?.keySpan)).toBe('"aio"');
    expect(d.source?.value).toBe('/var/lib/images/ünïcode-😀.qcow2');
    expect(slice(text, d.source?.span)).toBe('"/var/lib/images/ünïcode-😀.qcow2"');
    // cache.direct is inherited by the inline file node from its parent.
    expect(d.cacheDirect).toMatchObject({ key: 'cache.direct', value: 'true', jsonType: 'boolean' });
    expect(slice(text, d.cacheDirect?.span)).toBe('true');
    expect(root.settings.map((s) => s.key)).toEqual([
      'driver', 'node-name', 'file', 'file.driver', 'file.filename', 'file.aio', 'cache', 'cache.direct',
    ]);
    expect(root.settings.find((s) => s.key === 'file')?.jsonType).toBe('object');
    expect(root.children?.cache.settings.map((s) => s.key)).toEqual(['direct']);
    expect(text[root.children!.cache.insertAt]).toBe('}');
    expect(text.slice(root.children!.cache.insertAt - 4, root.children!.cache.insertAt + 2)).toBe('true}}');
    expect(root.insertAt).toBe(text.indexOf(`}' -device`));
    expect(slice(text, root.span)).toBe(json);
    expect(d.writeCache).toMatchObject({ value: 'on', jsonType: 'string' });
    expect(slice(text, d.writeCache?.span)).toBe('"on"');
    expect(d.groups.device?.kind).toBe('-device');
  });

  it('flattens arrays with index keys and follows string references', () => {
    const text = `qemu-system-x86_64 -blockdev '{"driver":"rbd","pool":"p","image":"img","server":[{"host":"mon1","port":"6789"}],"node-name":"s"}' -blockdev '{"node-name":"f","driver":"raw","file":"s","backing":null}' -device '{"driver":"scsi-block","drive":"f"}'`;
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    const d = doc.disks[0];
    expect(chain(d)).toEqual(['raw', 'rbd']);
    expect(d).toMatchObject({ name: 'f', deviceKind: 'lun', sourceType: 'network' });
    expect(d.source?.key).toBe('image');
    const storage = d.nodes[1].group;
    expect(storage.settings.find((s) => s.key === 'server.0.host')?.value).toBe('mon1');
    expect(storage.settings.find((s) => s.key === 'server')?.jsonType).toBe('array');
  });

  it('reads libvirt JSON wrapped with backslash-newline inside the quotes', () => {
    const text = `/usr/bin/qemu-system-x86_64 \\\n-blockdev '{"driver":"host_device","filename":"/dev/HostVG/QEMUGuest1",\\\n"aio":"native","node-name":"libvirt-2-storage","cache":{"direct":true,\\\n"no-flush":false},"auto-read-only":true}' \\\n-blockdev '{"node-name":"libvirt-2-format","read-only":false,\\\n"cache":{"direct":true,"no-flush":false},"driver":"qcow2",\\\n"file":"libvirt-2-storage"}' \\\n-device ide-hd,bus=ide.0,unit=0,drive=libvirt-2-format,id=ide0-0-0,bootindex=1,\\\nwrite-cache=on`;
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    const d = doc.disks[0];
    expect(d.name).toBe('ide0-0-0');
    expect(chain(d)).toEqual(['qcow2', 'host_device']);
    expect(slice(text, d.aio?.span)).toBe('"native"');
    expect(slice(text, d.cacheNoFlush?.span)).toBe('false');
    expect(slice(text, d.writeCache?.span)).toBe('on');
  });

  it('reports bad JSON at its position and still reads the other disks', () => {
    const text = `qemu-system-x86_64 -blockdev '{"driver":"qcow2","node-name":"bad",' -drive file=ok.img,if=virtio`;
    const doc = parseArgs(text);
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0].message).toMatch(/^invalid JSON: /);
    expect(doc.problems[0].span.start).toBe(text.indexOf(`' -drive`));
    expect(doc.disks.map((d) => d.name)).toEqual(['bad', 'virtio0']);
  });
});

describe('linking devices to backends', () => {
  it('links -device drive= to a -drive if=none by id and takes the device id as name', () => {
    const text = 'qemu-system-x86_64 -drive if=none,id=d0,file=x.img,format=raw,cache=writeback -device ide-cd,drive=d0,id=cd0,write-cache=on,share-rw=on';
    const d = parseArgs(text).disks;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ name: 'cd0', deviceKind: 'cdrom' });
    expect(d[0].cache?.value).toBe('writeback');
    expect(d[0].writeCache?.value).toBe('on');
    expect(d[0].shareable?.value).toBe('on');
    expect(d[0].groups.driver?.kind).toBe('-drive');
    expect(d[0].groups.device?.kind).toBe('-device');
    expect(d[0].groups.device?.insertAt).toBe(text.length);
  });

  it('names a device without id after its drive, and links floppies through -global', () => {
    const text = 'qemu-system-x86_64 -drive if=none,id=fd0,file=f.img -global isa-fdc.driveA=fd0 -drive if=none,id=d1,file=d.img -device virtio-blk-pci,drive=d1';
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => [d.name, d.deviceKind, d.groups.device?.kind])).toEqual([
      ['fd0', 'floppy', undefined],
      ['d1', 'disk', '-device'],
    ]);
  });

  it('reports a drive used twice and a drive that already has an interface', () => {
    const text = 'qemu-system-x86_64 -drive if=none,id=d0,file=a -device virtio-blk-pci,drive=d0 -device virtio-blk-pci,drive=d0 -drive if=virtio,id=v,file=b -device ide-hd,drive=v';
    const doc = parseArgs(text);
    expect(doc.problems.map((p) => [p.message.split(' ').slice(0, 5).join(' '), p.span.start])).toEqual([
      ["drive 'd0' is already used", text.lastIndexOf('d0')],
      ["drive 'v' is already connected", text.lastIndexOf('=v') + 1],
    ]);
    expect(doc.disks.map((d) => d.name)).toEqual(['d0', 'v']);
  });

  it('reports a name defined twice', () => {
    const text = 'qemu-system-x86_64 -blockdev driver=file,node-name=n,filename=a -drive if=none,id=n,file=b';
    const doc = parseArgs(text);
    expect(doc.problems.map((p) => [p.message, slice(text, p.span)])).toEqual([["'n' is already defined by an earlier -blockdev", 'n']]);
  });

  it('attaches firmware flash named by -machine pflash0=', () => {
    const doc = parseArgs('qemu-system-x86_64 -blockdev driver=file,node-name=code,filename=/OVMF_CODE.fd,read-only=on -machine q35,pflash0=code');
    expect(doc.disks.map((d) => [d.name, d.deviceKind])).toEqual([['code', 'pflash']]);
  });
});
