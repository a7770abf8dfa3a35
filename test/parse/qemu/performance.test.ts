import { describe, expect, it } from 'vitest';
import { parseScript } from './helpers';

/** A launch script of about `options` options, one in ten defining a disk (half -drive, half JSON -blockdev). */
function launchScript(options: number): string {
  const lines = ['#!/bin/sh', 'exec /usr/bin/qemu-system-x86_64 -machine q35,accel=kvm -m 8G \\'];
  for (let i = 0; lines.length * 1.5 < options; i++) {
    lines.push(`  -object '{"qom-type":"memory-backend-ram","id":"ram${i}","size":1073741824}' \\`);
    lines.push(`  -chardev socket,id=char${i},path=/run/vm/char${i}.sock,server=on,wait=off \\`);
    lines.push(`  -netdev tap,id=net${i},ifname=tap${i},script=no -device virtio-net-pci,netdev=net${i} \\`);
    lines.push(`  -device pcie-root-port,id=rp${i},bus=pcie.0,chassis=${i} -smp 4 -S \\`);
    if (i % 2 === 0) {
      lines.push(`  -drive file=/var/lib/images/disk-${i}.qcow2,format=qcow2,if=none,id=d${i},cache=none,aio=native -device virtio-blk-pci,drive=d${i},id=vd${i} \\`);
    } else {
      lines.push(`  -blockdev '{"driver":"file","filename":"/img/${i}.raw","node-name":"s${i}","aio":"native","cache":{"direct":true}}' -device '{"driver":"virtio-blk-pci","drive":"s${i}","id":"vd${i}"}' \\`);
    }
  }
  lines.push('  -S');
  return lines.join('\n');
}

function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe('performance', () => {
  it('parses a 2,000-option launch script in the time of a few native JSON.parse calls on its words', () => {
    const text = launchScript(2000);
    expect((text.match(/ -[a-z]/g) ?? []).length).toBeGreaterThanOrEqual(2000);
    const doc = parseScript(text);
    expect(doc.problems).toEqual([]);
    expect(doc.disks.length).toBeGreaterThan(250);
    // vitest runs files in parallel on a shared machine, so absolute times swing widely.
    // Interleaved best-of runs against native JSON.parse see the same load. Alone, one parse
    // takes 2-3 ms, about the time of 10 JSON.parse calls on the same words.
    const json = JSON.stringify(text.split(' '));
    let ours = Infinity;
    let native = Infinity;
    for (let i = 0; i < 30; i++) {
      ours = Math.min(ours, timed(() => parseScript(text)));
      native = Math.min(native, timed(() => {
        for (let k = 0; k < 10; k++) JSON.parse(json);
      }));
    }
    console.log(`2000-option script: ${ours.toFixed(2)} ms; 10 x JSON.parse of its words: ${native.toFixed(2)} ms`);
    expect(ours / native).toBeLessThan(4);
  });
});
