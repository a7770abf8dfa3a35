/** The domains the fleet tests define on test-driver hosts: a mix of cache/io settings, shareable and read-only disks, running and shut off. */
import { disk, uuid, type TestDomain } from './nodeFiles';

export const MIXED_DOMAINS: readonly TestDomain[] = [
  {
    name: 'db01', uuid: uuid(1), running: true,
    disks: [
      disk('vda', "type='qcow2' cache='none' io='native' discard='unmap'", '/var/lib/libvirt/images/db01-root.qcow2'),
      disk('vdb', "type='raw' cache='writeback' io='native'", '/var/lib/libvirt/images/db01-data.raw'),
    ].join('\n'),
  },
  {
    name: 'scratch', uuid: uuid(2), running: false,
    disks: disk('vda', "type='qcow2' cache='unsafe'", '/var/lib/libvirt/images/scratch.qcow2'),
  },
  {
    name: 'cluster-node', uuid: uuid(3), running: true,
    disks: [
      disk('vda', "type='raw' cache='none' io='native'", '/var/lib/libvirt/images/quorum.raw', '\n        <shareable/>'),
      disk('vdb', "type='qcow2' cache='directsync'", '/var/lib/libvirt/images/shared.qcow2', '\n        <shareable/>'),
    ].join('\n'),
  },
  {
    name: 'installer', uuid: uuid(4), running: false,
    disks: [
      disk('vda', "type='raw' copy_on_read='on'", '/var/lib/libvirt/isos/debian-12.iso', '\n        <readonly/>'),
      disk('vdb', "type='qcow2' cache='writethrough' io='io_uring' detect_zeroes='unmap'", '/var/lib/libvirt/images/inst.qcow2'),
    ].join('\n'),
  },
  {
    name: 'web', uuid: uuid(5), running: true,
    disks: disk('vda', "type='qcow2' cache='writeback' io='threads'", '/var/lib/libvirt/images/web.qcow2'),
  },
];

/**
 * Names and values a shell would choke on, all of which libvirt's test driver accepts ('/' is
 * the one character it refuses in a name). `1` is also the ID of the first running domain:
 * fetched by name, virsh would return that other domain. A shell that ran any of them would
 * create CANARY in its working directory.
 */
export const CANARY = 'vmdisk-fleet-pwned';

export const HOSTILE_NAMES = [
  `a'b "c" $(touch ${CANARY})`,
  `; touch ${CANARY} && echo pwned`,
  'ünïcode-😀 vm',
  '--help',
  '-c',
  ' lead space',
  'tab\there',
  'nl\nname',
  `back\\slash\`touch ${CANARY}\``,
  '<&>',
  '1',
];

export const HOSTILE_SOURCE = `/var/lib/images/ünïcode-😀 'q' "d" $(touch ${CANARY}) <&>.qcow2`;

export const HOSTILE_DOMAINS: readonly TestDomain[] = HOSTILE_NAMES.map((name, i) => ({
  name,
  uuid: uuid(100 + i),
  running: name !== '1',
  disks: disk('vda', "type='qcow2' cache='writeback' io='native'", HOSTILE_SOURCE),
}));
