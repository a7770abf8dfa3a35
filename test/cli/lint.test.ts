import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function vmdisk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('vmdisk lint', () => {
  it('lints the bundled examples like a compiler and prints each disk\'s flags', async () => {
    const r = await vmdisk(['lint', 'examples/']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^examples\/db-production\.xml:17:\d+: error: .*\[native-aio-needs-direct\]$/m);
    expect(r.stdout).toMatch(/^ {2}vda +line \d+ +cache=none · O_DIRECT · guest write cache · guest flushes honoured · aio=native · migration-safe$/m);
  });

  it('--format json prints exactly one object of the documented shape', async () => {
    const r = await vmdisk(['lint', '--format', 'json', 'examples/db-production.xml']);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['files']);
    const [file] = json.files;
    expect(file.path).toBe('examples/db-production.xml');
    expect(file.kind).toBe('libvirt-xml');
    expect(file.disks[0]).toEqual({
      name: 'vda', source: '/var/lib/libvirt/images/db01-root.qcow2', format: 'qcow2', cache: 'none', aio: 'native',
      effective: { writeback: true, direct: true, noFlush: false },
      range: { start: { line: 10, character: 4 }, end: { line: 14, character: 11 } },
    });
    expect(file.diagnostics.map((d: { code: string }) => d.code)).toContain('unsafe-cache-in-production');
  });

  it('--format sarif is SARIF 2.1.0 with rule metadata and doc links', async () => {
    const r = await vmdisk(['lint', '--format', 'sarif', 'examples/']);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((x: { id: string }) => x.id)).toContain('native-aio-needs-direct');
    expect(rules.every((x: { helpUri: string }) => /^file:.*docs\/rules\/.*\.md$/.test(x.helpUri))).toBe(true);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'native-aio-needs-direct');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
  });

  it('exit 0 when nothing is an error; --rule and --environment change the outcome', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmdisk-lint-'));
    const f = join(dir, 'dev.xml');
    writeFileSync(f, "<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='unsafe'/><source file='/i/x.qcow2'/><target dev='vda'/></disk>");
    expect((await vmdisk(['lint', f])).code).toBe(1);
    expect((await vmdisk(['lint', '--environment', 'development', f])).code).toBe(0);
    expect((await vmdisk(['lint', '--rule', 'unsafe-cache-in-production=warning', f])).code).toBe(0);
  });

  it('exit 2 with a clear message on usage and read errors', async () => {
    const missing = await vmdisk(['lint', 'no/such/file.xml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/file.xml: no such file or directory');
    const bad = await vmdisk(['lint', '--format', 'yaml', 'examples/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of text, json, sarif');
    const rule = await vmdisk(['lint', '--rule', 'nope=error', 'examples/']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain("unknown rule code 'nope'");
    expect((await vmdisk([])).code).toBe(2);
  });
});

describe('vmdisk lint target versions', () => {
  it('--qemu-version and --libvirt-version feed the version rules, and bad versions are usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmdisk-lint-'));
    const f = join(dir, 'uring.xml');
    writeFileSync(f, "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none' io='io_uring'/><source file='/i/x.raw'/><target dev='vda'/></disk>");
    expect((await vmdisk(['lint', f])).code).toBe(0);
    const old = await vmdisk(['lint', '--libvirt-version', '6.0.0', f]);
    expect(old.code).toBe(1);
    expect(old.stdout).toContain('[io-uring-needs-newer-version]');
    const bad = await vmdisk(['lint', '--qemu-version', 'latest', f]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--qemu-version must be a version like 7.2 or 6.3.0 (got 'latest')");
  });
});
