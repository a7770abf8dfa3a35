/**
 * Can the image be read with O_DIRECT, and with what alignment? Like QEMU (`raw_probe_alignment`):
 * reads of growing size at offset 0; the first size the kernel accepts is the alignment. The buffer
 * is page-aligned, so a refusal is the storage's, not a misaligned Node Buffer's.
 */
import { constants, type BigIntStats, type promises } from 'node:fs';
import { pageAlignedBuffer } from './alignedMemory';
import type { Deadline } from './deadline';
import { openReadOnly } from './imageFile';
import { ProbeError } from './probeError';
import type { DirectIOInfo } from './types';

type FileHandle = promises.FileHandle;

const STEP_MS = 2000;
export const ALIGNMENT_CANDIDATES = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536] as const;

export interface DirectProbe {
  /** Open O_DIRECT handle when O_DIRECT works (the caller closes it). */
  handle: FileHandle | null;
  info: DirectIOInfo;
  notes: string[];
}

export interface AlignmentFallback {
  value: number;
  source: 'logical-block-size' | 'fs-block-size';
}

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? String(e);
}

export async function probeDirectIO(
  realPath: string,
  expected: BigIntStats,
  size: number,
  fallback: AlignmentFallback,
  deadline: Deadline,
): Promise<DirectProbe> {
  let handle: FileHandle;
  try {
    handle = await openReadOnly(realPath, expected, constants.O_DIRECT, deadline);
  } catch (e) {
    if (e instanceof ProbeError) throw e;
    const code = errnoOf(e);
    const error =
      code === 'EINVAL'
        ? 'open with O_DIRECT failed with EINVAL: the file system does not support O_DIRECT'
        : `open with O_DIRECT failed with ${code}`;
    return { handle: null, info: { supported: false, alignment: null, error }, notes: [] };
  }
  if (size === 0) {
    const what = fallback.source === 'logical-block-size' ? 'logical block size' : 'file system block size';
    return {
      handle,
      info: { supported: true, alignment: fallback.value, alignmentSource: fallback.source },
      notes: [`The image is empty: reads cannot show the O_DIRECT alignment, so the ${what} (${fallback.value} B) is reported instead.`],
    };
  }
  const buffer = pageAlignedBuffer(ALIGNMENT_CANDIDATES[ALIGNMENT_CANDIDATES.length - 1]);
  const notes: string[] = [];
  try {
    for (const candidate of ALIGNMENT_CANDIDATES) {
      try {
        await deadline.step('An O_DIRECT read', STEP_MS, () => handle.read(buffer, 0, candidate, 0));
        return { handle, info: { supported: true, alignment: candidate, alignmentSource: 'reads' }, notes };
      } catch (e) {
        if (e instanceof ProbeError) throw e;
        const code = errnoOf(e);
        if (code !== 'EINVAL') {
          // QEMU counts any error but EINVAL as "aligned"; the error itself is worth telling.
          notes.push(`An O_DIRECT read of ${candidate} B at offset 0 failed with ${code}.`);
          return { handle, info: { supported: true, alignment: candidate, alignmentSource: 'reads' }, notes };
        }
      }
    }
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
  await handle.close().catch(() => undefined);
  return {
    handle: null,
    info: {
      supported: false,
      alignment: null,
      error: `no working O_DIRECT alignment: reads of ${ALIGNMENT_CANDIDATES[0]} B to 64 KiB at offset 0 all failed with EINVAL`,
    },
    notes,
  };
}
