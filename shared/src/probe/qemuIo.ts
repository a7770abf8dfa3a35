/**
 * Cross-check with QEMU itself: `qemu-io` opens the image read-only exactly as QEMU would with
 * cache=none,aio=native (`-n -i native`) and with aio=io_uring, and reads its first block.
 * `-U` (force-share) takes no image locks, so a running VM using the image is not disturbed.
 */
import { execFile } from 'node:child_process';
import { ProbeError } from './probeError';
import type { ImageFormat, QemuIoCheck } from './types';

export interface QemuIoTarget {
  realPath: string;
  kind: 'file' | 'block';
  format: ImageFormat;
  /** Set for qcow2 images with a backing file: opened without it, so a missing backing file does not mask the answer. */
  hasBacking: boolean;
  /** Bytes of the image's virtual disk known to exist (0: only open it, do not read). */
  readableBytes: number;
}

/** The argument array for one check (no shell is involved). */
export function qemuIoArgs(target: QemuIoTarget, aio: 'native' | 'io_uring'): string[] {
  const mode = aio === 'native' ? ['-n', '-i', 'native'] : ['-i', 'io_uring'];
  const readBytes = Math.min(4096, Math.floor(target.readableBytes / 512) * 512);
  const command = readBytes > 0 ? `read 0 ${readBytes}` : 'length';
  const image =
    target.format === 'qcow2' && target.hasBacking
      ? [
          `json:${JSON.stringify({
            driver: 'qcow2',
            backing: null,
            file: { driver: target.kind === 'block' ? 'host_device' : 'file', filename: target.realPath },
          })}`,
        ]
      : ['-f', target.format, target.realPath];
  return ['-r', '-U', ...mode, '-c', command, ...image];
}

interface RunResult {
  ok: boolean;
  message: string | null;
  missing: boolean;
  timedOut: boolean;
}

function messageOf(stdout: string, stderr: string): string | null {
  const text = stderr.trim() || stdout.trim().split('\n').filter((l) => /fail|error|could not/i.test(l)).join('\n');
  return text === '' ? null : text.slice(0, 2000);
}

function runOnce(binary: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { timeout: Math.max(1, timeoutMs), killSignal: 'SIGKILL', signal, maxBuffer: 1 << 20, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, message: null, missing: false, timedOut: false });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
        if (e.name === 'AbortError' || signal?.aborted) return reject(new ProbeError('cancelled', 'The probe was cancelled.'));
        if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve({ ok: false, message: null, missing: true, timedOut: false });
        if (e.killed) {
          return resolve({ ok: false, message: `qemu-io did not finish within ${timeoutMs} ms`, missing: false, timedOut: true });
        }
        const message = messageOf(String(stdout), String(stderr)) ?? `qemu-io exited with ${e.code}`;
        resolve({ ok: false, message, missing: false, timedOut: false });
      },
    );
  });
}

/** Null when the binary cannot be run (not installed). */
export async function qemuIoCheck(
  binary: string,
  target: QemuIoTarget,
  stepMs: number,
  signal?: AbortSignal,
): Promise<QemuIoCheck | null> {
  const native = await runOnce(binary, qemuIoArgs(target, 'native'), stepMs, signal);
  if (native.missing) return null;
  const ioUring = await runOnce(binary, qemuIoArgs(target, 'io_uring'), stepMs, signal);
  return {
    native: native.ok,
    ioUring: ioUring.ok,
    message: native.message ?? ioUring.message,
    nativeMessage: native.message,
    ioUringMessage: ioUring.message,
    timedOut: native.timedOut || ioUring.timedOut,
    binary,
  };
}
