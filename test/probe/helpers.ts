/** Real images on real file systems for the probe tests, and the oracles they are checked against. */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { SCRATCH_PREFIX } from '../../shared/src/probe/scratchFile';

/** /tmp may be tmpfs on CI; /var/tmp is on the regular disk file system. */
export const DISK_TMP = '/var/tmp';
export const SHM_TMP = '/dev/shm';

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A fresh directory others may traverse (the permission tests run the probe as `nobody`). */
export function makeTempDir(base: string, tag: string): string {
  const dir = mkdtempSync(path.join(base, `vmdisk-probe-test-${tag}-`));
  chmodSync(dir, 0o755);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function qemuImgCreate(file: string, format: 'raw' | 'qcow2', size: string, backing?: string): void {
  const args = ['create', '-q', '-f', format];
  if (backing) args.push('-b', backing, '-F', 'qcow2');
  execFileSync('qemu-img', [...args, file, size], { stdio: 'pipe' });
}

/** Fills the first `bytes` of a raw image with data, so it is not all holes. */
export function writeData(file: string, bytes: number): void {
  execFileSync('qemu-io', ['-f', 'raw', '-c', `write -P 0xab 0 ${bytes}`, file], { stdio: 'pipe' });
}

/** The oracle: does QEMU open the image read-only with cache=none,aio=native? */
export function qemuIoNative(file: string, format: string): { ok: boolean; stderr: string } {
  const r = spawnSync('qemu-io', ['-r', '-n', '-i', 'native', '-f', format, '-c', 'read 0 4k', file], { encoding: 'utf8', timeout: 10_000 });
  return { ok: r.status === 0, stderr: r.stderr };
}

export function scratchFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith(SCRATCH_PREFIX));
}

/** Descriptors of this process whose target starts with `prefix` (an image, or the scratch-file prefix). */
export function openDescriptorsOf(prefix: string): string[] {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(prefix);
    } catch {
      return false;
    }
  });
}

/** The open flags (octal in /proc/self/fdinfo) of each descriptor of this process that points at `file`. */
export function openFlagsOf(file: string): number[] {
  return openDescriptorsOf(file).map((fd) => {
    const line = readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').find((l) => l.startsWith('flags:'));
    return parseInt(line!.split(/\s+/)[1], 8);
  });
}

/** The file system under `dir` as coreutils and util-linux see it: the oracle for the probe's statfs/mountinfo reading. */
export function fsOracle(dir: string): { magic: string; type: string; mountPoint: string } {
  const magic = `0x${execFileSync('stat', ['-f', '-c', '%t', dir], { encoding: 'utf8' }).trim()}`;
  const [type, mountPoint] = execFileSync('findmnt', ['-n', '-o', 'FSTYPE,TARGET', '--target', dir], { encoding: 'utf8' })
    .trim()
    .split('\n')[0]
    .split(/\s+/);
  return { magic, type, mountPoint };
}
