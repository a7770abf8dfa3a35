/** Paths the probe must refuse with a clear message — quickly, without opening what must not be opened. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../../shared/src/probe/probeImage';
import { ProbeError, type ProbeErrorCode } from '../../shared/src/probe/probeError';
import { requireTool } from '../support/tools';
import { DISK_TMP, isRoot, makeTempDir, qemuImgCreate, removeDir, scratchFilesIn, sha256 } from './helpers';

async function refusal(p: string, options: Parameters<typeof probeImage>[1] = {}): Promise<{ code: ProbeErrorCode; message: string; ms: number }> {
  const started = Date.now();
  try {
    await probeImage(p, { timeLimitMs: 2000, ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(ProbeError);
    return { code: (e as ProbeError).code, message: (e as ProbeError).message, ms: Date.now() - started };
  }
  throw new Error(`probing ${JSON.stringify(p)} did not fail`);
}

describe('refused paths', () => {
  let dir: string;
  let server: Server | undefined;
  beforeAll(() => {
    dir = makeTempDir(DISK_TMP, 'bad');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    removeDir(dir);
  });

  it('a missing file', async () => {
    const r = await refusal(path.join(dir, 'nope.qcow2'));
    expect(r).toMatchObject({ code: 'not-found', message: `No such file: ${JSON.stringify(path.join(dir, 'nope.qcow2'))}.` });
  });

  it('a missing file given relative to the document directory', async () => {
    const r = await refusal('images/nope.raw', { baseDir: dir });
    expect(r.message).toBe(`No such file: ${JSON.stringify(path.join(dir, 'images/nope.raw'))}.`);
  });

  it('an empty path', async () => {
    expect(await refusal('')).toMatchObject({ code: 'empty-path' });
  });

  it('a directory', async () => {
    expect(await refusal(dir)).toMatchObject({ code: 'directory', message: `${JSON.stringify(dir)} is a directory, not a disk image.` });
  });

  it('a FIFO: refused without opening, well within the time bound', async () => {
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await refusal(fifo, { timeLimitMs: 10_000 });
    expect(r.code).toBe('fifo');
    expect(r.message).toContain('is a FIFO (named pipe), not a disk image; refused without opening it');
    expect(r.ms).toBeLessThan(1000);
  });

  it('a socket', async () => {
    const sock = path.join(dir, 'sock');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(sock, resolve));
    expect(await refusal(sock)).toMatchObject({ code: 'socket' });
  });

  it('/dev/zero, a character device', async () => {
    const r = await refusal('/dev/zero');
    expect(r).toMatchObject({ code: 'char-device', message: '"/dev/zero" is a character device, not a disk image; refused without opening it.' });
    expect(r.ms).toBeLessThan(1000);
  });

  it('a symlink loop, and a dangling symlink', async () => {
    symlinkSync('loop-b', path.join(dir, 'loop-a'));
    symlinkSync('loop-a', path.join(dir, 'loop-b'));
    expect(await refusal(path.join(dir, 'loop-a'))).toMatchObject({ code: 'symlink-loop', message: expect.stringContaining('symlink loop') });
    symlinkSync('gone.qcow2', path.join(dir, 'dangling'));
    expect(await refusal(path.join(dir, 'dangling'))).toMatchObject({
      code: 'not-found',
      message: `${JSON.stringify(path.join(dir, 'dangling'))} is a symbolic link to "gone.qcow2", which does not exist.`,
    });
  });

  it('a file used as a directory', async () => {
    writeFileSync(path.join(dir, 'plain'), 'x');
    expect(await refusal(path.join(dir, 'plain', 'disk.raw'))).toMatchObject({ code: 'not-a-directory' });
  });

  it('names with spaces, quotes and newlines stay readable in messages', async () => {
    const odd = path.join(dir, 'my "odd"\nname .raw');
    const r = await refusal(odd);
    expect(r.message).toBe(`No such file: ${JSON.stringify(odd)}.`);
    expect(r.message).not.toContain('\n');
  });
});

describe.skipIf(!isRoot() || !requireTool('qemu-img') || !requireTool('runuser'))('as an unprivileged user (nobody)', () => {
  let dir: string;
  let cli: string;
  beforeAll(async () => {
    dir = makeTempDir(DISK_TMP, 'nobody');
    cli = path.join(dir, 'probe-cli.js');
    await build({
      entryPoints: [path.join(__dirname, 'fixtures', 'probeCli.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: cli,
      logLevel: 'warning',
    });
    chmodSync(cli, 0o755);
  });
  afterAll(() => removeDir(dir));

  const asNobody = (...args: string[]) =>
    spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, cli, ...args], { encoding: 'utf8', timeout: 20_000 });

  it('an image it may not read: exit 2, "Permission denied" on stderr', () => {
    const secret = path.join(dir, 'secret.qcow2');
    qemuImgCreate(secret, 'qcow2', '1M');
    chmodSync(secret, 0o600);
    const r = asNobody(secret);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`vmdisk probe: Permission denied: cannot read ${JSON.stringify(secret)}. Run the probe as a user who may read the image.\n`);
  });

  it('a directory it may not enter: exit 2, "Permission denied"', () => {
    const closed = path.join(dir, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    qemuImgCreate(path.join(closed, 'd.raw'), 'raw', '1M');
    const r = asNobody(path.join(closed, 'd.raw'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Permission denied');
  });

  it('a readable image in a directory it may not write: the probe runs, write latencies are null with the reason', () => {
    const img = path.join(dir, 'readable.raw');
    qemuImgCreate(img, 'raw', '2M');
    chmodSync(img, 0o644);
    const before = sha256(img);
    const r = asNobody(img, '--json', '--time-limit', '3000');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.path).toBe(img);
    expect(report.latency.bufferedRead.count).toBeGreaterThan(0);
    expect(report.latency.dsyncWrite).toBeNull();
    expect(report.latency.writeFdatasync).toBeNull();
    expect(report.notes.some((n: string) => n.startsWith('No write test: could not use a scratch file') && n.includes('(EACCES)'))).toBe(true);
    expect(sha256(img)).toBe(before);
    expect(scratchFilesIn(dir)).toEqual([]);
  });
});
