import { describe, expect, it } from 'vitest';
import { parseScript, slice } from './helpers';

describe('shell scripts', () => {
  it('reads only commands that run QEMU, behind wrappers and in pipelines', () => {
    const text = [
      '#!/bin/bash',
      'set -euo pipefail',
      'IMG=/var/lib/images/vm.qcow2',
      'echo qemu-system-x86_64 -drive file=fake.img',
      'qemu-img create -f qcow2 "$IMG" 10G',
      'cp -drive file=not-qemu.img',
      '# vmdisk-disable-next-line native-aio-needs-direct',
      'exec sudo -u qemu taskset -c 0-3 /usr/bin/qemu-system-x86_64 \\',
      '  -enable-kvm -m 2048 \\',
      '  -drive file="$IMG",if=virtio,cache=none,aio=native \\',
      '  -drive file=/dev/sdb,format=raw,if=none,id=data \\',
      '  -device virtio-blk-pci,drive=data,write-cache=off 2>&1 | tee /tmp/qemu.log',
      'nice -n 5 qemu-kvm -hda other.img &',
      'FOO=1 env BAR=2 /usr/libexec/qemu-kvm -cdrom x.iso; ls -drive file=no.img',
      'if true; then qemu-system-aarch64 -drive if=none,id=d9,file=arm.img; fi',
    ].join('\n');
    const doc = parseScript(text);
    expect(doc.problems).toEqual([]);
    expect(doc.disks.map((d) => [d.name, d.source?.value])).toEqual([
      ['virtio0', '$IMG'],
      ['data', '/dev/sdb'],
      ['ide0-hd0', 'other.img'],
      ['ide1-cd0', 'x.iso'],
      ['d9', 'arm.img'],
    ]);
    expect(slice(text, doc.disks[0].source?.span)).toBe('$IMG');
    expect(slice(text, doc.disks[0].aio?.span)).toBe('native');
    expect(doc.disks[1].sourceType).toBe('block');
    expect(doc.comments.map((c) => c.text)).toEqual(['!/bin/bash', ' vmdisk-disable-next-line native-aio-needs-direct']);
  });

  it('reads the same command line with CRLF line ends', () => {
    const text = 'qemu-system-x86_64 \\\r\n  -drive file=a.img,if=virtio,cache=unsafe \\\r\n  -snapshot\r\necho done\r\n';
    const doc = parseScript(text);
    expect(doc.disks).toHaveLength(1);
    expect(slice(text, doc.disks[0].cache?.span)).toBe('unsafe');
    expect(slice(text, doc.disks[0].snapshot?.span)).toBe('-snapshot');
  });

  it('keeps shell continuations out of single-quoted JSON in scripts (a real shell would pass them on)', () => {
    const text = `qemu-system-x86_64 -blockdev '{"driver":"file",\\\n"filename":"a","node-name":"f"}'`;
    const doc = parseScript(text);
    expect(doc.problems.map((p) => p.message)).toEqual(['invalid JSON: expected a quoted key']);
  });

  it('follows a variable the script set to a QEMU binary', () => {
    const text = 'QEMU=/usr/bin/qemu-system-x86_64\n$QEMU -hda a.img\n"${QEMU}" -hda b.img\n${KVM:-qemu-kvm} -hda c.img\nQEMU=echo\n$QEMU -hda d.img\n$OTHER -hda e.img';
    expect(parseScript(text).disks.map((d) => d.source?.value)).toEqual(['a.img', 'b.img', 'c.img']);
  });

  it('ignores QEMU binaries named inside $(…) and quotes of other commands', () => {
    const doc = parseScript('X=$(qemu-system-x86_64 -hda a.img)\necho "qemu-system-x86_64 -hda b.img"\n');
    expect(doc.disks).toEqual([]);
  });
});
