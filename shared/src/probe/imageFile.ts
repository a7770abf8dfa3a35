/**
 * Opening the image: always O_RDONLY (never a write flag, never O_TRUNC/O_CREAT), O_NONBLOCK so
 * that a FIFO swapped in after the stat check cannot block the open, O_NOFOLLOW on the resolved path.
 */
import { constants, promises as fsp, type BigIntStats, type promises } from 'node:fs';
import type { Deadline } from './deadline';
import { decodeBackingName, detectImageFormat, HEADER_BYTES, type DetectedFormat } from './imageFormat';
import { sameFile } from './pathTarget';
import { ProbeError, showPath } from './probeError';

type FileHandle = promises.FileHandle;

const STEP_MS = 2000;
const READ_ONLY_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | constants.O_NOFOLLOW;

/**
 * Opens `realPath` read-only with `extraFlags` (O_DIRECT) and checks it is still the inspected file.
 * Errno failures reject with the raw error, so the caller can tell EINVAL (no O_DIRECT) apart.
 */
export async function openReadOnly(realPath: string, expected: BigIntStats, extraFlags: number, deadline: Deadline): Promise<FileHandle> {
  const what = extraFlags & constants.O_DIRECT ? 'Opening the image with O_DIRECT' : 'Opening the image';
  const handle = await deadline.step(
    what,
    STEP_MS,
    () => fsp.open(realPath, READ_ONLY_FLAGS | extraFlags),
    (late) => late.close(),
  );
  try {
    const now = await deadline.step('fstat', STEP_MS, () => handle.stat({ bigint: true }));
    if (!sameFile(now, expected)) {
      throw new ProbeError('io-error', `${showPath(realPath)} changed while it was being probed; run the probe again.`);
    }
    return handle;
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

export async function readHeader(handle: FileHandle, deadline: Deadline): Promise<DetectedFormat> {
  const header = new Uint8Array(HEADER_BYTES);
  const { bytesRead } = await deadline.step('Reading the image header', STEP_MS, () => handle.read(header, 0, HEADER_BYTES, 0));
  const detected = detectImageFormat(header.subarray(0, bytesRead));
  if (!detected.backingName) return detected;
  const { offset, size } = detected.backingName;
  const name = new Uint8Array(size);
  const got = await deadline.step('Reading the backing file name', STEP_MS, () => handle.read(name, 0, size, offset));
  return { ...detected, details: { ...detected.details, backingFile: decodeBackingName(name.subarray(0, got.bytesRead)) } };
}
