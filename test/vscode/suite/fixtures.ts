/**
 * The workspace the suite works in, written by the suite itself into the (empty) folder the editor
 * was opened on, so both runners only need to hand over a temporary directory. Line ends, tabs and
 * non-ASCII names are deliberate: positions must survive them.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const IMAGE_NAME = 'ünïcode 😀.qcow2';

/** io='native' with cache='writeback' (an error), and cache='unsafe' (a production finding); CRLF and tabs. */
export const DOMAIN_XML = [
  "<domain type='kvm'>",
  '\t<name>db01</name>',
  '\t<devices>',
  "\t\t<disk type='file' device='disk'>",
  "\t\t\t<driver name='qemu' type='qcow2' cache='writeback' io='native'/>",
  "\t\t\t<source file='/var/lib/images/ünïcode-😀.qcow2'/>",
  "\t\t\t<target dev='vda' bus='virtio'/>",
  '\t\t</disk>',
  "\t\t<disk type='file' device='disk'>",
  "\t\t\t<driver name='qemu' type='qcow2' cache='unsafe'/>",
  "\t\t\t<source file='/var/lib/images/scratch.qcow2'/>",
  "\t\t\t<target dev='vdb' bus='virtio'/>",
  '\t\t</disk>',
  '\t</devices>',
  '</domain>',
  '',
].join('\r\n');

export const LAUNCH_SCRIPT = [
  '#!/bin/sh',
  '# Launch script of a web front end.',
  'exec qemu-system-x86_64 \\',
  '  -machine q35,accel=kvm -m 2048 \\',
  '  -drive file=/var/lib/images/wéb-😀.raw,format=raw,if=virtio,cache=writethrough,aio=native \\',
  '  -drive file=/var/lib/images/web-data.qcow2,format=qcow2,if=virtio,cache=none,aio=native \\',
  '  -nographic',
  '',
].join('\n');

export const QEMU_ARGS = [
  'LC_ALL=C \\',
  '/usr/bin/qemu-system-x86_64 \\',
  '-blockdev \'{"driver":"file","filename":"/var/lib/images/ci.raw","node-name":"f0","aio":"native","cache":{"direct":false}}\' \\',
  "-blockdev '{\"driver\":\"raw\",\"file\":\"f0\",\"node-name\":\"d0\"}' \\",
  '-device virtio-blk-pci,drive=d0,id=disk0',
  '',
].join('\n');

/** A disk whose image exists, named relative to the document. */
export const PROBE_XML = [
  "<disk type='file' device='disk'>",
  "  <driver name='qemu' type='qcow2' cache='none' io='native'/>",
  `  <source file='images/${IMAGE_NAME}'/>`,
  "  <target dev='vdc' bus='virtio'/>",
  '</disk>',
  '',
].join('\n');

/** What the README screenshot shows: one error, hovered. */
export const SCENE_XML = [
  '<!-- A database guest with a disk QEMU refuses to start -->',
  "<domain type='kvm'>",
  '  <name>db01</name>',
  '  <devices>',
  "    <disk type='file' device='disk'>",
  "      <driver name='qemu' type='qcow2' cache='writeback' io='native'/>",
  "      <source file='/var/lib/libvirt/images/db01.qcow2'/>",
  "      <target dev='vda' bus='virtio'/>",
  '    </disk>',
  '  </devices>',
  '</domain>',
  '',
].join('\n');

export interface Fixtures {
  domainXml: string;
  launchScript: string;
  qemuArgs: string;
  probeXml: string;
  sceneXml: string;
  image: string;
}

export async function writeFixtures(root: string): Promise<Fixtures> {
  const f: Fixtures = {
    domainXml: join(root, 'db01.xml'),
    launchScript: join(root, 'launch-web.sh'),
    qemuArgs: join(root, 'ci-runner.args'),
    probeXml: join(root, 'probe-disk.xml'),
    sceneXml: join(root, 'db01-scene.xml'),
    image: join(root, 'images', IMAGE_NAME),
  };
  await writeFile(f.domainXml, DOMAIN_XML);
  await writeFile(f.launchScript, LAUNCH_SCRIPT);
  await writeFile(f.qemuArgs, QEMU_ARGS);
  await writeFile(f.probeXml, PROBE_XML);
  await writeFile(f.sceneXml, SCENE_XML);
  await mkdir(join(root, 'images'), { recursive: true });
  await promisify(execFile)('qemu-img', ['create', '-q', '-f', 'qcow2', f.image, '16M']);
  return f;
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}
