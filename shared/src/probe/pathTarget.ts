/**
 * What a path names, decided with lstat/stat only: FIFOs, sockets, character devices and
 * directories are refused before anything is opened (opening a FIFO can block forever).
 */
import { promises as fsp, type BigIntStats } from 'node:fs';
import * as nodePath from 'node:path';
import type { Deadline } from './deadline';
import { ProbeError, showPath } from './probeError';
import type { SymlinkHop } from './types';

/** Linux follows at most 40 links in one lookup (ELOOP beyond). */
const MAX_SYMLINK_HOPS = 40;
/** Each metadata call may take this long before the storage counts as unresponsive. */
const METADATA_STEP_MS = 2000;

export interface ProbeTarget {
  requestedPath: string;
  realPath: string;
  symlinks: SymlinkHop[];
  kind: 'file' | 'block';
  stat: BigIntStats;
}

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** A user-facing ProbeError for a failed metadata call on `path`; ProbeErrors pass through. */
export function describeFsError(e: unknown, path: string, symlinks: readonly SymlinkHop[] = []): ProbeError {
  if (e instanceof ProbeError) return e;
  const code = errnoOf(e);
  const shown = showPath(path);
  switch (code) {
    case 'ENOENT': {
      const last = symlinks[symlinks.length - 1];
      return last
        ? new ProbeError('not-found', `${showPath(last.link)} is a symbolic link to ${showPath(last.target)}, which does not exist.`)
        : new ProbeError('not-found', `No such file: ${shown}.`);
    }
    case 'EACCES':
    case 'EPERM':
      return new ProbeError('permission', `Permission denied: cannot read ${shown}. Run the probe as a user who may read the image.`);
    case 'ELOOP':
      return new ProbeError('symlink-loop', `Too many levels of symbolic links resolving ${shown} (a symlink loop?).`);
    case 'ENOTDIR':
      return new ProbeError('not-a-directory', `A component of ${shown} is not a directory.`);
    case 'ENAMETOOLONG':
      return new ProbeError('name-too-long', `The path ${shown} is too long.`);
    default:
      return new ProbeError('io-error', `Could not inspect ${shown}: ${(e as Error | undefined)?.message ?? String(e)}.`);
  }
}

async function followLinks(absolute: string, deadline: Deadline): Promise<SymlinkHop[]> {
  const hops: SymlinkHop[] = [];
  let current = absolute;
  for (;;) {
    let st;
    try {
      st = await deadline.step(`Inspecting ${showPath(current)}`, METADATA_STEP_MS, () => fsp.lstat(current));
    } catch (e) {
      throw describeFsError(e, current, hops);
    }
    if (!st.isSymbolicLink()) return hops;
    if (hops.length >= MAX_SYMLINK_HOPS) {
      throw new ProbeError('symlink-loop', `Too many levels of symbolic links resolving ${showPath(absolute)} (a symlink loop?).`);
    }
    let target: string;
    try {
      target = await deadline.step(`Reading the link ${showPath(current)}`, METADATA_STEP_MS, () => fsp.readlink(current));
    } catch (e) {
      throw describeFsError(e, current, hops);
    }
    hops.push({ link: current, target });
    current = nodePath.resolve(nodePath.dirname(current), target);
  }
}

function refuseKind(st: BigIntStats, shown: string): ProbeError | undefined {
  if (st.isDirectory()) return new ProbeError('directory', `${shown} is a directory, not a disk image.`);
  if (st.isFIFO()) {
    return new ProbeError('fifo', `${shown} is a FIFO (named pipe), not a disk image; refused without opening it (opening could block).`);
  }
  if (st.isSocket()) return new ProbeError('socket', `${shown} is a socket, not a disk image; refused without opening it.`);
  if (st.isCharacterDevice()) {
    return new ProbeError('char-device', `${shown} is a character device, not a disk image; refused without opening it.`);
  }
  if (!st.isFile() && !st.isBlockDevice()) return new ProbeError('other-kind', `${shown} is neither a regular file nor a block device.`);
  return undefined;
}

export async function resolveTarget(requestedPath: string, baseDir: string | undefined, deadline: Deadline): Promise<ProbeTarget> {
  if (requestedPath.trim() === '') throw new ProbeError('empty-path', 'No path given: the disk has no local source path to probe.');
  if (requestedPath.includes('\0')) throw new ProbeError('not-found', `No such file: ${showPath(requestedPath)} (the name contains a NUL byte).`);
  const absolute = nodePath.resolve(baseDir ?? process.cwd(), requestedPath);
  const symlinks = await followLinks(absolute, deadline);
  let realPath: string;
  let stat: BigIntStats;
  try {
    realPath = await deadline.step(`Resolving ${showPath(absolute)}`, METADATA_STEP_MS, () => fsp.realpath(absolute));
    stat = await deadline.step(`Inspecting ${showPath(realPath)}`, METADATA_STEP_MS, () => fsp.stat(realPath, { bigint: true }));
  } catch (e) {
    throw describeFsError(e, absolute, symlinks);
  }
  const refused = refuseKind(stat, showPath(requestedPath));
  if (refused) throw refused;
  return { requestedPath, realPath, symlinks, kind: stat.isBlockDevice() ? 'block' : 'file', stat };
}

/** After opening: the descriptor must still name the file that was inspected (no swap in between). */
export function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.isFile() === b.isFile() && a.isBlockDevice() === b.isBlockDevice();
}
