/** `vmdisk probe PATH [--json] [--time-limit MS] [--qemu-io PATH | --no-qemu-io]` */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCommand } from '../../server/src/cli/probeCommand';
import { requireTool } from '../support/tools';
import { DISK_TMP, fsOracle, makeTempDir, qemuImgCreate, qemuIoNative, removeDir, scratchFilesIn, sha256 } from './helpers';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await probeCommand(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('usage errors exit 2 with the reason on stderr', () => {
  it.each([
    [[], 'probe needs the path of an image'],
    [['a', 'b'], 'probe takes exactly one path'],
    [['a', '--time-limit', 'soon'], "--time-limit must be a positive whole number of milliseconds (got 'soon')"],
    [['a', '--time-limit', '0'], '--time-limit must be a positive whole number'],
    [['a', '--qemu-io', '/x', '--no-qemu-io'], '--qemu-io and --no-qemu-io exclude each other'],
    [['a', '--frobnicate'], 'unknown option --frobnicate'],
  ])('%j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`vmdisk probe: ${message}`);
    expect(r.err).toContain('usage: vmdisk probe PATH');
  });
});

describe('paths that cannot be probed exit 2', () => {
  it('missing file', async () => {
    const r = await run('/var/tmp/definitely-missing-vmdisk.qcow2', '--json');
    expect(r).toEqual({ code: 2, out: '', err: 'vmdisk probe: No such file: "/var/tmp/definitely-missing-vmdisk.qcow2".\n' });
  });

  it('/dev/zero', async () => {
    const r = await run('/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toBe('vmdisk probe: "/dev/zero" is a character device, not a disk image; refused without opening it.\n');
  });
});

describe.skipIf(!requireTool('qemu-img') || !requireTool('qemu-io'))('probing an image', () => {
  let dir: string;
  let image: string;
  beforeAll(() => {
    dir = makeTempDir(DISK_TMP, 'cli');
    image = path.join(dir, 'vm disk.qcow2');
    qemuImgCreate(image, 'qcow2', '64M');
  });
  afterAll(() => removeDir(dir));

  it('--json prints one object with the documented keys', async () => {
    const before = sha256(image);
    const r = await run(image, '--json', '--time-limit', '2500');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'path', 'kind', 'size', 'allocated', 'sparse', 'symlinks', 'filesystem', 'directIO', 'format', 'formatDetails',
        'migratableFormat', 'qemuIo', 'modes', 'latency', 'recommendation', 'notes', 'elapsedMs',
      ]),
    );
    expect(report).toMatchObject({
      path: image,
      kind: 'file',
      format: 'qcow2',
      filesystem: { ...fsOracle(dir), shared: false, cluster: false },
      directIO: { supported: qemuIoNative(image, 'qcow2').ok, alignment: expect.any(Number) },
      qemuIo: { native: true, ioUring: true, message: null },
    });
    expect(Object.keys(report.modes)).toEqual(['writeback', 'writethrough', 'none', 'directsync', 'unsafe']);
    expect(report.modes.none).toMatchObject({ starts: true, migrationSafe: false, verdict: 'works' });
    expect(Object.keys(report.latency)).toEqual(
      expect.arrayContaining(['directRead', 'bufferedRead', 'dsyncWrite', 'directDsyncWrite', 'writeFdatasync']),
    );
    expect(report.recommendation).toMatchObject({ cache: 'none', io: 'native' });
    expect(sha256(image)).toBe(before);
    expect(scratchFilesIn(dir)).toEqual([]);
  });

  it('the human report is an aligned table with the numbers', async () => {
    const r = await run(image, '--time-limit', '2500', '--no-qemu-io');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('vmdisk native-I/O probe');
    expect(r.out).toContain(`Path         ${JSON.stringify(image)}`);
    expect(r.out).toContain('qemu-io      not run');
    const header = lines.find((l) => l.trimStart().startsWith('Measurement'))!;
    const row = lines.find((l) => l.trimStart().startsWith('O_DIRECT random read'))!;
    // Columns line up: each value starts where its header does.
    expect(row.indexOf('4.0 KiB')).toBe(header.indexOf('Block'));
    expect(row.slice(header.indexOf('p50')).trimStart()).toMatch(/^\d+(\.\d)? (µs|ms)/);
    expect(r.out).toMatch(/\n {2}none {10}yes {5}works/);
    expect(r.out).toContain("Recommendation: cache='none' io='native'");
  });

  it('--qemu-io with a binary that does not exist: still a report, exit 0', async () => {
    const r = await run(image, '--json', '--time-limit', '1500', '--qemu-io', path.join(dir, 'missing-qemu-io'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).qemuIo).toBeNull();
  });
});
