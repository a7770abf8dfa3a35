/**
 * Storage only root can set up: a ramfs (a real file system without O_DIRECT) and a loop block device.
 * Both are unmounted/detached in afterAll.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../../shared/src/probe/probeImage';
import { requireTool } from '../support/tools';
import { DISK_TMP, isRoot, makeTempDir, qemuImgCreate, qemuIoNative, removeDir, scratchFilesIn, sha256, writeData } from './helpers';

const haveQemu = requireTool('qemu-img') && requireTool('qemu-io');
if (!isRoot()) console.warn('\n*** SKIPPING ramfs and loop-device probe tests: they need root (mount, losetup) ***\n');

describe.skipIf(!haveQemu || !isRoot())('a ramfs: no O_DIRECT', () => {
  let dir: string;
  let mnt: string;
  beforeAll(() => {
    dir = makeTempDir(DISK_TMP, 'ramfs');
    mnt = path.join(dir, 'mnt');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'ramfs', 'ramfs', mnt]);
  });
  afterAll(() => {
    execFileSync('umount', [mnt]);
    removeDir(dir);
  });

  it.each(['raw', 'qcow2'] as const)('%s: O_DIRECT unsupported, as qemu-io says; none/directsync refuse to start', async (format) => {
    const file = path.join(mnt, `disk.${format}`);
    qemuImgCreate(file, format, '4M');
    const before = sha256(file);
    const r = await probeImage(file, { timeLimitMs: 3000 });
    expect(sha256(file)).toBe(before);
    expect(scratchFilesIn(mnt)).toEqual([]);
    const oracle = qemuIoNative(file, format);
    expect(oracle.ok).toBe(false);
    expect(oracle.stderr).toContain('filesystem does not support O_DIRECT');
    expect(r.filesystem).toMatchObject({ type: 'ramfs', magic: '0x858458f6', mountPoint: mnt, shared: false, cluster: false });
    expect(r.directIO).toEqual({ supported: false, alignment: null, error: expect.stringContaining('EINVAL') });
    expect(r.qemuIo).toMatchObject({ native: false, ioUring: true });
    expect(r.qemuIo?.message).toContain('filesystem does not support O_DIRECT');
    for (const mode of ['none', 'directsync'] as const) {
      expect(r.modes[mode]).toMatchObject({ starts: false, verdict: 'refuses-to-start' });
      expect(r.modes[mode].reason).toMatch(/^QEMU will refuse to start: .*filesystem does not support O_DIRECT/);
    }
    expect(r.modes.writeback.starts).toBe(true);
    expect(r.latency.directRead).toBeNull();
    expect(r.latency.directDsyncWrite).toBeNull();
    expect(r.latency.bufferedRead).not.toBeNull();
    expect(r.latency.writeFdatasync).not.toBeNull();
    expect(r.notes.some((n) => n.includes('O_DIRECT|O_DSYNC scratch writes not measured'))).toBe(true);
    expect(r.recommendation).toMatchObject({ cache: 'writeback', io: 'io_uring' });
  });
});

describe.skipIf(!haveQemu || !isRoot() || !requireTool('losetup'))('a loop block device', () => {
  let dir: string;
  let backing: string;
  let device: string;
  beforeAll(() => {
    dir = makeTempDir(DISK_TMP, 'loop');
    backing = path.join(dir, 'backing.raw');
    qemuImgCreate(backing, 'raw', '16M');
    writeData(backing, 1024 * 1024);
    device = execFileSync('losetup', ['--find', '--show', '--read-only', backing], { encoding: 'utf8' }).trim();
  });
  afterAll(() => {
    if (device) execFileSync('losetup', ['--detach', device]);
    removeDir(dir);
  });

  it('read-only and bounded: size from sysfs, O_DIRECT as qemu-io says, no writes', async () => {
    const before = sha256(backing);
    const r = await probeImage(device, { timeLimitMs: 3000 });
    expect(sha256(backing)).toBe(before);
    expect(r).toMatchObject({ path: device, kind: 'block', size: 16 * 1024 * 1024, allocated: 16 * 1024 * 1024, sparse: false, format: 'raw' });
    expect(r.directIO.supported).toBe(qemuIoNative(device, 'raw').ok);
    expect(r.directIO).toMatchObject({ supported: true, alignment: 512 });
    expect(r.qemuIo?.native).toBe(true);
    expect(r.latency.directRead?.count).toBeGreaterThan(0);
    expect(r.latency.dsyncWrite).toBeNull();
    expect(r.latency.writeFdatasync).toBeNull();
    expect(r.notes.some((n) => n.startsWith('Block device: opened read-only'))).toBe(true);
    expect(r.modes.none.migrationSafe).toBe(true);
    expect(r.modes.writeback.migrationSafe).toBe(false);
    expect(scratchFilesIn('/dev')).toEqual([]);
  });
});
