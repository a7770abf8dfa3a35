/**
 * libvirt test-driver node files (`virsh -c test:///ABS/node.xml`) written into temp dirs, and
 * real virsh calls to read back what libvirt made of them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface TestDomain {
  name: string;
  uuid: string;
  running: boolean;
  /** `<disk>` elements, as written. */
  disks: string;
}

const TEST_NS = 'http://libvirt.org/schemas/domain/test/1.0';
/** The test driver's `<test:runstate>`: libvirt's VIR_DOMAIN_SHUTOFF. */
const SHUTOFF = 5;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

export function nodeXml(domains: readonly TestDomain[]): string {
  const body = domains.map((d) => `  <domain type='test' xmlns:test='${TEST_NS}'>
    <name>${escapeXml(d.name)}</name>
    <uuid>${d.uuid}</uuid>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <devices>
${d.disks}
    </devices>${d.running ? '' : `\n    <test:runstate>${SHUTOFF}</test:runstate>`}
  </domain>
`).join('');
  return `<node>\n${body}</node>\n`;
}

export function makeTempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `vmdisk-fleet-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes the node file and returns its connection URI. */
export function writeNode(dir: string, file: string, domains: readonly TestDomain[]): string {
  const full = path.join(dir, file);
  writeFileSync(full, nodeXml(domains));
  return `test://${full}`;
}

export function virsh(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('virsh', args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** `uuid(7)` → `00000000-0000-4000-8000-000000000007`: fixed, so every virsh process sees the same domain. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function disk(target: string, driver: string, source: string, extra = '', device = 'disk'): string {
  return `      <disk type='file' device='${device}'>
        <driver name='qemu' ${driver}/>
        <source file='${escapeXml(source)}'/>
        <target dev='${target}' bus='virtio'/>${extra}
      </disk>`;
}
