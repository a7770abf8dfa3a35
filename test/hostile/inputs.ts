/** Hostile documents, built in memory: one good disk to find, wrapped in something nasty. */

/** A domain whose one disk has io='native' with cache='writeback': one native-aio-needs-direct error. */
export const DOMAIN = `<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='writeback' io='native'/>
      <source file='/var/lib/images/ünïcode-😀.raw'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

/** The same mistake on a QEMU command line. */
export const SCRIPT = `#!/bin/sh
exec qemu-system-x86_64 -m 1024 \\
  -drive file=/var/lib/images/ünïcode-😀.raw,format=raw,if=virtio,cache=writethrough,aio=native
`;

/** Deterministic pseudo-random bytes (no seed needed: the point is "not text"). */
export function randomBytes(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The classic exponential entity bomb: ten levels of ten references, 10^9 "lol"s if expanded. */
export function billionLaughs(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>
<!DOCTYPE domain [
  ${levels.join('\n  ')}
]>
<domain type='kvm'>
  <description>&lol9;</description>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='&lol9;' io='native'/>
      <source file='/var/lib/images/&lol9;.raw'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;
}

/** External entities: must never be fetched or read. */
export const EXTERNAL_ENTITIES = `<?xml version="1.0"?>
<!DOCTYPE domain [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd">
  <!ENTITY % param SYSTEM "file:///etc/hostname">
  %param;
]>
<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='writeback' io='native'/>
      <source file='&passwd;'/>
      <target dev='&remote;' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

/** A DOCTYPE whose internal subset holds `>`, `]`, quotes and comments in awkward places. */
export const TRICKY_DOCTYPE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE domain PUBLIC "-//libvirt//DTD domain 1.0//EN" "http://example.org/dom>ain.dtd" [
  <!ELEMENT domain (devices)>
  <!ATTLIST driver cache CDATA "writeback">
  <!ENTITY gt2 "a > b ] c">
  <!-- a comment with ]> inside -->
  <?pi with ]> inside?>
]>
${DOMAIN}`;
