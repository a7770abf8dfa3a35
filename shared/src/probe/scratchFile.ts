/**
 * The only file the probe writes: a new scratch file in the image's directory, created with O_EXCL
 * (never an existing file), unlinked as soon as its descriptors are open (so nothing is left behind
 * even if the process is killed) and once more at the end should that have failed.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp, type promises } from 'node:fs';
import * as nodePath from 'node:path';
import type { Deadline } from './deadline';
import { LIMITS } from './measurePlan';
import { ProbeError } from './probeError';

type FileHandle = promises.FileHandle;

const STEP_MS = 2000;
export const SCRATCH_PREFIX = '.vmdisk-probe-';

export interface Scratch {
  path: string;
  /** O_DSYNC writes. */
  dsync: FileHandle;
  /** O_DIRECT|O_DSYNC writes; null when the file system refuses O_DIRECT. */
  directDsync: FileHandle | null;
  directError?: string;
  /** Plain writes, each followed by fdatasync. */
  plain: FileHandle;
  /** Makes sure the name is gone (it normally is from the start). */
  removeName(): Promise<void>;
  /** Only once nothing uses the descriptors any more. */
  close(): Promise<void>;
}

export type ScratchResult = { scratch: Scratch } | { reason: string };

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? String(e);
}

async function removeName(path: string): Promise<void> {
  await fsp.unlink(path).catch(() => undefined);
}

function closeAll(handles: FileHandle[]): Promise<void> {
  return Promise.all(handles.map((h) => h.close().catch(() => undefined))).then(() => undefined);
}

export async function openScratch(dir: string, deadline: Deadline): Promise<ScratchResult> {
  const path = nodePath.join(dir, `${SCRATCH_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  const opened: FileHandle[] = [];
  const open = async (flags: number): Promise<FileHandle> => {
    const handle = await deadline.step(
      'Opening the scratch file',
      STEP_MS,
      () => fsp.open(path, flags | constants.O_NOFOLLOW, 0o600),
      // Opened after the probe gave up on it: close it and take the name away again.
      (late) => late.close().finally(() => removeName(path)),
    );
    opened.push(handle);
    return handle;
  };
  try {
    const plain = await open(constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
    // Overwrites of allocated blocks, as a preallocated image sees them.
    await deadline.step('Filling the scratch file', STEP_MS, () => plain.write(Buffer.alloc(LIMITS.scratchBytes, 0x5a), 0, LIMITS.scratchBytes, 0));
    await deadline.step('Syncing the scratch file', STEP_MS, () => plain.datasync());
    const dsync = await open(constants.O_WRONLY | constants.O_DSYNC);
    let directDsync: FileHandle | null = null;
    let directError: string | undefined;
    try {
      directDsync = await open(constants.O_WRONLY | constants.O_DIRECT | constants.O_DSYNC);
    } catch (e) {
      if (e instanceof ProbeError) throw e;
      directError = errnoCode(e);
    }
    await removeName(path);
    return {
      scratch: {
        path,
        dsync,
        directDsync,
        ...(directError ? { directError } : {}),
        plain,
        removeName: () => removeName(path),
        close: () => closeAll(opened),
      },
    };
  } catch (e) {
    await removeName(path);
    await closeAll(opened);
    if (e instanceof ProbeError && e.code !== 'timeout') throw e;
    const why = e instanceof ProbeError ? e.message.replace(/\.$/, '') : errnoCode(e);
    return { reason: `could not use a scratch file in the image's directory (${why}): write latencies not measured` };
  }
}
