/**
 * The probe on real images made with qemu-img, on the disk file system and on /dev/shm. Every probe
 * is checked against QEMU (`qemu-io -r -n -i native`), leaves the image byte-identical and leaves no
 * scratch file behind.
 */
import { constants, linkSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../../shared/src/probe/probeImage';
import type { ProbeReport } from '../../shared/src/probe/types';
import { requireTool } from '../support/tools';
import { DISK_TMP, fsOracle, makeTempDir, openDescriptorsOf, openFlagsOf, qemuImgCreate, qemuIoNative, removeDir, scratchFilesIn, sha256, SHM_TMP, writeData } from './helpers';

const haveQemu = requireTool('qemu-img') && requireTool('qemu-io');
const LIMIT_MS = 3000;
/** Linux's access-mode mask (Node's fs.constants lacks it). */
const O_ACCMODE = 3;

/** Probes `file` and checks the promises every probe keeps. */
async function probeChecked(file: string, format: string, options: Parameters<typeof probeImage>[1] = {}): Promise<ProbeReport> {
  const before = sha256(file);
  const report = await probeImage(file, { timeLimitMs: LIMIT_MS, ...options });
  expect(sha256(file)).toBe(before);
  expect(scratchFilesIn(path.dirname(report.path))).toEqual([]);
  expect(openDescriptorsOf(report.path)).toEqual([]);
  expect(report.directIO.supported).toBe(qemuIoNative(report.path, format).ok);
  expect(report.elapsedMs).toBeLessThanOrEqual(LIMIT_MS + 500);
  return report;
}

describe.skipIf(!haveQemu).each([
  ['the disk file system', DISK_TMP],
  ['/dev/shm (tmpfs)', SHM_TMP],
])('images on %s', (_label, base) => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir(base, 'img');
  });
  afterAll(() => removeDir(dir));

  it('a raw image with data: kind, size, format, file system, O_DIRECT as QEMU says, all latencies', async () => {
    const file = path.join(dir, 'disk.raw');
    qemuImgCreate(file, 'raw', '8M');
    writeData(file, 8 * 1024 * 1024);
    let flagsWhileMeasuring: number[] = [];
    const r = await probeChecked(file, 'raw', {
      onProgress: (message) => {
        if (message === 'Measuring reads and writes') flagsWhileMeasuring = openFlagsOf(file);
      },
    });
    // The image is only ever open read-only: one buffered descriptor, one O_DIRECT.
    expect(flagsWhileMeasuring).toHaveLength(2);
    expect(flagsWhileMeasuring.map((f) => f & O_ACCMODE)).toEqual([constants.O_RDONLY, constants.O_RDONLY]);
    expect(flagsWhileMeasuring.filter((f) => f & constants.O_DIRECT)).toHaveLength(1);
    expect(r).toMatchObject({ path: file, kind: 'file', size: 8 * 1024 * 1024, format: 'raw', migratableFormat: true, symlinks: [] });
    expect(r.sparse).toBe(false);
    expect(r.filesystem).toMatchObject({ ...fsOracle(dir), shared: false, cluster: false });
    if (base === SHM_TMP) expect(r.filesystem).toMatchObject({ type: 'tmpfs', magic: '0x1021994' });
    expect(r.directIO).toMatchObject({ supported: true, alignmentSource: 'reads' });
    expect([512, 1024, 2048, 4096]).toContain(r.directIO.alignment);
    expect(r.qemuIo).toMatchObject({ native: true, ioUring: true, message: null });
    for (const key of ['directRead', 'directReadSequential', 'bufferedRead', 'bufferedReadSequential', 'dsyncWrite', 'directDsyncWrite', 'writeFdatasync'] as const) {
      const s = r.latency[key];
      expect(s, key).not.toBeNull();
      expect(s!.count).toBeGreaterThan(0);
      expect(s!.p50Us).toBeGreaterThan(0);
      expect(s!.p50Us).toBeLessThanOrEqual(s!.p95Us);
      expect(s!.p95Us).toBeLessThanOrEqual(s!.p99Us);
    }
    expect(r.latency.directReadSequential!.count).toBe(32); // 8 MiB in 256 KiB blocks
    expect(r.modes.none).toMatchObject({ starts: true, migrationSafe: false });
    expect(r.recommendation).toMatchObject({ cache: 'none', io: 'native' });
  });

  it('a qcow2 overlay: version 3, backing file name, QEMU opens it without its backing chain', async () => {
    qemuImgCreate(path.join(dir, 'base.qcow2'), 'qcow2', '32M');
    const file = path.join(dir, 'overlay.qcow2');
    qemuImgCreate(file, 'qcow2', '32M', 'base.qcow2');
    const r = await probeChecked(file, 'qcow2');
    expect(r.format).toBe('qcow2');
    expect(r.formatDetails).toEqual({ version: 3, backingFile: 'base.qcow2', virtualSize: 32 * 1024 * 1024 });
    expect(r.qemuIo?.native).toBe(true);
  });

  it('names with spaces, quotes and newlines, reached through a relative symlink chain', async () => {
    const file = path.join(dir, 'my "odd" \'disk\'\nname ünïcode-😀.qcow2');
    qemuImgCreate(file, 'qcow2', '4M');
    symlinkSync(path.basename(file), path.join(dir, 'link one'));
    symlinkSync('link one', path.join(dir, 'link two'));
    const r = await probeImage('link two', { baseDir: dir, timeLimitMs: LIMIT_MS });
    expect(r.path).toBe(file);
    expect(r.requestedPath).toBe('link two');
    expect(r.symlinks).toEqual([
      { link: path.join(dir, 'link two'), target: 'link one' },
      { link: path.join(dir, 'link one'), target: path.basename(file) },
    ]);
    expect(r.directIO.supported).toBe(qemuIoNative(file, 'qcow2').ok);
    expect(r.qemuIo?.native).toBe(true);
    expect(scratchFilesIn(dir)).toEqual([]);
  });

  it('a hard link is just the file', async () => {
    const file = path.join(dir, 'hard-src.raw');
    qemuImgCreate(file, 'raw', '1M');
    linkSync(file, path.join(dir, 'hard-dst.raw'));
    const r = await probeChecked(path.join(dir, 'hard-dst.raw'), 'raw');
    expect(r.path).toBe(path.join(dir, 'hard-dst.raw'));
  });
});

describe.skipIf(!haveQemu)('special images', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir(DISK_TMP, 'special');
  });
  afterAll(() => removeDir(dir));

  it('a 1 TiB sparse file: bounded reads, reported as sparse, done within the limit', async () => {
    const file = path.join(dir, 'huge.raw');
    writeFileSync(file, '');
    truncateSync(file, 2 ** 40);
    const started = Date.now();
    const r = await probeImage(file, { timeLimitMs: LIMIT_MS });
    expect(Date.now() - started).toBeLessThan(LIMIT_MS + 500);
    expect(r).toMatchObject({ size: 2 ** 40, sparse: true, format: 'raw' });
    expect(r.allocated).toBeLessThan(1024 * 1024);
    expect(r.notes.some((n) => n.includes('sparse'))).toBe(true);
    const read = Object.values(r.latency).reduce((sum, s) => sum + (s && s.pattern ? s.count * s.blockSize : 0), 0);
    expect(read).toBeLessThanOrEqual(64 * 1024 * 1024 + 3 * 1000 * 4096);
    expect(r.directIO.supported).toBe(qemuIoNative(file, 'raw').ok);
  });

  it('an empty file: O_DIRECT opens, alignment falls back to the file system block size, with a note', async () => {
    const file = path.join(dir, 'empty.img');
    writeFileSync(file, '');
    const before = sha256(file);
    const r = await probeImage(file, { timeLimitMs: LIMIT_MS });
    expect(sha256(file)).toBe(before);
    expect(r).toMatchObject({ size: 0, format: 'raw', directIO: { supported: true, alignment: r.filesystem.blockSize, alignmentSource: 'fs-block-size' } });
    expect(r.notes.some((n) => n.startsWith('The image is empty'))).toBe(true);
    expect(r.latency.directRead).toBeNull();
    expect(r.latency.bufferedRead).toBeNull();
    expect(r.latency.writeFdatasync).not.toBeNull();
    expect(r.qemuIo?.native).toBe(true);
  });

  it('qemuIoPath null skips the cross-check; a missing binary is reported, not fatal', async () => {
    const file = path.join(dir, 'x.raw');
    qemuImgCreate(file, 'raw', '1M');
    const skipped = await probeImage(file, { timeLimitMs: 1500, qemuIoPath: null });
    expect(skipped.qemuIo).toBeNull();
    expect(skipped.notes).toContain('qemu-io cross-check not requested.');
    const missing = await probeImage(file, { timeLimitMs: 1500, qemuIoPath: path.join(dir, 'no-such-qemu-io') });
    expect(missing.qemuIo).toBeNull();
    expect(missing.notes.some((n) => n.startsWith('qemu-io could not be run'))).toBe(true);
  });
});
