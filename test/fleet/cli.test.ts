/** `vmdisk lint --connect` through the built CLI (`dist/cli.js`, from `npm run build`) and real virsh. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { CANARY, HOSTILE_DOMAINS, MIXED_DOMAINS } from './fixtures';
import { makeTempDir, removeDir, writeNode } from './nodeFiles';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const haveVirsh = requireTool('virsh');

function vmdisk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(!haveVirsh)('vmdisk lint --connect', () => {
  let dir: string;
  let mixed: string;
  let hostile: string;
  beforeAll(() => {
    dir = makeTempDir('cli');
    mixed = writeNode(dir, 'mixed.xml', MIXED_DOMAINS);
    hostile = writeNode(dir, 'hostile.xml', HOSTILE_DOMAINS);
  });
  afterAll(() => removeDir(dir));

  it('JSON with connections next to files; a broken host is exit 2 and one stderr line', async () => {
    const broken = `test://${path.join(dir, 'missing.xml')}`;
    const r = await vmdisk(['lint', '--format', 'json', '--connect', mixed, '--connect', broken, '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^vmdisk: test://${dir}/missing\\.xml: failed to connect to the hypervisor: .+\\n$`));
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['files', 'connections']);
    expect(out.files).toHaveLength(MIXED_DOMAINS.length);
    expect(out.connections.map((c: { ok: boolean }) => c.ok)).toEqual([true, false]);
  });

  it('text: one line per host, the remote one marked; exit 1 for error findings', async () => {
    const r = await vmdisk(['lint', '--connect', mixed, '--domain', 'db01', '--domain', 'web']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`${mixed}: 2 domains, 2 running`);
    expect(r.stdout).toMatch(new RegExp(`^libvirt://${mixed}/db01:\\d+:\\d+: error: .*\\[native-aio-needs-direct\\]$`, 'm'));
    const remote = await vmdisk(['lint', '--connect', 'test+tcp://host.invalid/default', '--timeout', '20']);
    expect(remote.code).toBe(2);
    expect(remote.stdout.split('\n')[0]).toMatch(/^test\+tcp:\/\/host\.invalid\/default: not checked: failed to connect to the hypervisor: .*host\.invalid.* \(remote host: probe not available\)$/);
  });

  it('hostile domain names given on the command line reach virsh as data', async () => {
    const names = HOSTILE_DOMAINS.filter((d) => d.name.includes(CANARY) || d.name.startsWith('-')).map((d) => d.name);
    const r = await vmdisk(['lint', '--format', 'json', '--connect', hostile, ...names.flatMap((n) => ['--domain', n])]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).connections[0].domains.map((d: { name: string }) => d.name)).toEqual([...names].sort());
    expect(existsSync(path.join(ROOT, CANARY))).toBe(false);
  });

  it.each([
    [['lint', '--domain', 'x', 'a.xml'], '--domain needs --connect URI'],
    [['lint', '--connect', 'test:///default', 'examples/'], 'give files and folders, or --connect URIs, not both'],
    [['lint', '--connect', 'test:///default', '--jobs', 'many'], '--jobs must be a whole number'],
  ])('usage error %j → exit 2', async (args, message) => {
    const r = await vmdisk(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
