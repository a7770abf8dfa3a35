/** Documents the server tests open. */

export const NATIVE_WRITEBACK_XML = `<domain type='kvm'>
  <name>web</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='writeback' io='native'/>
      <source file='/var/lib/libvirt/images/web.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

export const GOOD_XML = `<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='none' io='native'/>
      <source file='/var/lib/libvirt/images/db.raw'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

export const UNSAFE_XML = `<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='unsafe'/>
      <source file='/var/lib/libvirt/images/scratch.raw'/>
      <target dev='vdc' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

export const DRIVE_ARGS = `/usr/bin/qemu-system-x86_64 \\
  -m 2048 \\
  -drive file=/var/lib/images/ci.qcow2,format=qcow2,if=virtio,cache=writethrough,aio=native \\
  -nographic
`;

export const BLOCKDEV_ARGS = `qemu-system-x86_64 \\
-blockdev '{"driver":"file","filename":"/var/lib/images/b.raw","aio":"native","node-name":"s0","cache":{"direct":false,"no-flush":false}}' \\
-blockdev '{"node-name":"f0","driver":"raw","file":"s0"}' \\
-device virtio-blk-pci,drive=f0,id=disk0
`;

export const SHELL_SCRIPT = `#!/bin/sh
set -e
exec qemu-system-x86_64 -m 1024 \\
  -drive file=/srv/vm/disk.raw,format=raw,if=virtio,cache=unsafe
`;
