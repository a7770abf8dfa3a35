/**
 * The native-I/O probe: a read-only, time-bounded, cancellable measurement of the image a disk
 * points at. Throws only ProbeError (could not probe at all); everything else ends up in the report.
 */
import type { promises } from 'node:fs';
import * as nodePath from 'node:path';
import { blockDeviceInfo } from './blockDevice';
import { Deadline } from './deadline';
import { probeDirectIO, type AlignmentFallback } from './directIo';
import { filesystemInfo } from './filesystemInfo';
import { findExecutable } from './findExecutable';
import { openReadOnly, readHeader } from './imageFile';
import { isMigratableFormat } from './imageFormat';
import { measure } from './measure';
import { describeFsError, resolveTarget } from './pathTarget';
import { ProbeError } from './probeError';
import { qemuIoCheck } from './qemuIo';
import { recommend } from './recommendation';
import { openScratch, type Scratch } from './scratchFile';
import type { ProbeOptions, ProbeReport, QemuIoCheck } from './types';
import { modeVerdicts } from './verdicts';

type FileHandle = promises.FileHandle;

export const DEFAULT_TIME_LIMIT_MS = 10_000;
/** How long to wait at the end for the measuring thread to let go of the descriptors (it normally has). */
const IDLE_WAIT_MS = 1000;
const MIN_IDLE_WAIT_MS = 200;

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
}

/** Time kept back from the measurements for building the report and cleaning up. */
function reserveMs(limitMs: number): number {
  return Math.min(500, Math.max(50, limitMs * 0.05));
}

/** Less time than this left: qemu-io is not started (it takes ~40 ms per run on a quiet host). */
const MIN_QEMU_IO_MS = 100;

function qemuIoStepMs(limitMs: number): number {
  return Math.min(3000, Math.max(500, limitMs * 0.15));
}

export async function probeImage(path: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const limitMs = Math.max(1, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  const deadline = new Deadline(limitMs, options.signal);
  const progress = (message: string, percent?: number): void => options.onProgress?.(message, percent);
  const notes: string[] = [];
  const handles: FileHandle[] = [];
  let scratch: Scratch | null = null;
  let idle: Promise<void> = Promise.resolve();
  let timedOut = false;
  try {
    progress('Inspecting the path', 0);
    const target = await resolveTarget(path, options.baseDir, deadline);
    let buffered: FileHandle;
    try {
      buffered = await openReadOnly(target.realPath, target.stat, 0, deadline);
    } catch (e) {
      throw describeFsError(e, target.realPath);
    }
    handles.push(buffered);
    const filesystem = await filesystemInfo(target.realPath, target.stat.dev, deadline);

    let size = Number(target.stat.size);
    let allocated = Number(target.stat.blocks) * 512;
    let fallback: AlignmentFallback = { value: filesystem.blockSize, source: 'fs-block-size' };
    if (target.kind === 'block') {
      const device = await deadline.step('Reading the block device size', 2000, () => blockDeviceInfo(target.stat.rdev));
      size = device.size ?? 0;
      allocated = size;
      if (device.size === null) notes.push('The block device size could not be read from sysfs; reads stay at its start.');
      if (device.logicalBlockSize) fallback = { value: device.logicalBlockSize, source: 'logical-block-size' };
      notes.push('Block device: opened read-only; write cost not measured (that would need writing to the device).');
    }
    const sparse = target.kind === 'file' && allocated < size;
    if (sparse) {
      notes.push(`The image is sparse (${allocated} of ${size} bytes allocated): reads of holes return zeros without touching the storage, which flatters read latencies.`);
    }

    progress('Reading the image header', 5);
    const detected = await readHeader(buffered, deadline);
    const migratableFormat = isMigratableFormat(detected.format);

    progress('Trying O_DIRECT', 10);
    const direct = await probeDirectIO(target.realPath, target.stat, size, fallback, deadline);
    notes.push(...direct.notes);
    if (direct.handle) handles.push(direct.handle);

    progress('Asking qemu-io', 20);
    const qemuIoBinary = options.qemuIoPath === undefined ? findExecutable('qemu-io') : options.qemuIoPath;
    let qemuIo: QemuIoCheck | null = null;
    if (qemuIoBinary === null) {
      notes.push(options.qemuIoPath === null ? 'qemu-io cross-check not requested.' : 'qemu-io is not installed (not on PATH): no cross-check with QEMU.');
    } else if (deadline.remainingMs() < MIN_QEMU_IO_MS) {
      timedOut = true;
      notes.push('The time limit was reached before the qemu-io cross-check.');
    } else {
      qemuIo = await qemuIoCheck(
        qemuIoBinary,
        {
          realPath: target.realPath,
          kind: target.kind,
          format: detected.format,
          hasBacking: Boolean(detected.details.backingFile),
          readableBytes: detected.format === 'raw' ? size : detected.details.virtualSize ?? 0,
        },
        Math.min(qemuIoStepMs(limitMs), deadline.remainingMs()),
        options.signal,
      );
      timedOut ||= qemuIo?.timedOut ?? false;
      if (!qemuIo) notes.push(`qemu-io could not be run (${qemuIoBinary}): no cross-check with QEMU.`);
      else if (qemuIo.native !== direct.info.supported) {
        notes.push(
          `qemu-io ${qemuIo.native ? 'opened' : 'refused'} the image with cache=none,aio=native although the probe found O_DIRECT ${direct.info.supported ? 'working' : 'refused'}${qemuIo.nativeMessage ? `: ${qemuIo.nativeMessage}` : ''}.`,
        );
      }
    }
    deadline.checkAborted();

    let writes: Parameters<typeof measure>[0]['writes'] = null;
    if (target.kind === 'file') {
      progress('Creating a scratch file', 30);
      const opened = await openScratch(nodePath.dirname(target.realPath), deadline);
      if ('reason' in opened) notes.push(`No write test: ${opened.reason}.`);
      else {
        scratch = opened.scratch;
        writes = { dsync: scratch.dsync, directDsync: scratch.directDsync, plain: scratch.plain };
        if (scratch.directError) notes.push(`O_DIRECT|O_DSYNC scratch writes not measured: opening with O_DIRECT failed with ${scratch.directError}.`);
      }
    }

    progress('Measuring reads and writes', 35);
    const measured = await measure({
      size,
      alignment: direct.info.alignment,
      buffered,
      direct: direct.handle,
      writes,
      budgetMs: Math.max(0, deadline.remainingMs() - reserveMs(limitMs)),
      signal: options.signal,
      onProgress: (done, total) => progress('Measuring reads and writes', 35 + Math.round((60 * done) / total)),
    });
    idle = measured.idle;
    if (measured.end === 'aborted') throw new ProbeError('cancelled', 'The probe was cancelled.');
    timedOut ||= measured.end === 'timeout' || measured.cutShort;
    notes.push(...measured.notes);
    notes.push('Latencies are timed per operation with synchronous calls in a worker thread; buffered reads may be served from the host page cache.');

    const verdictInput = { kind: target.kind, filesystem, directIO: direct.info, qemuIo, latency: measured.latency };
    const modes = modeVerdicts(verdictInput);
    progress('Done', 100);
    return {
      path: target.realPath,
      requestedPath: path,
      kind: target.kind,
      size,
      allocated,
      sparse,
      symlinks: target.symlinks,
      filesystem,
      directIO: direct.info,
      format: detected.format,
      formatDetails: detected.details,
      migratableFormat,
      qemuIo,
      modes,
      latency: measured.latency,
      recommendation: recommend(verdictInput, modes, detected.format, migratableFormat),
      notes,
      timeLimitMs: limitMs,
      timedOut,
      elapsedMs: deadline.elapsedMs(),
    };
  } catch (e) {
    if (e instanceof ProbeError) throw e;
    throw new ProbeError('io-error', `The probe failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    // Descriptors close before returning (so the caller can unmount or delete at once), unless the
    // measuring thread is stuck in a call on them; then they close when it comes back.
    const isIdle = await settlesWithin(idle, Math.min(IDLE_WAIT_MS, Math.max(MIN_IDLE_WAIT_MS, deadline.remainingMs())));
    const used = scratch;
    await used?.removeName();
    const closeAll = (): Promise<unknown> => Promise.all([used?.close(), ...handles.map((h) => h.close().catch(() => undefined))]);
    if (isIdle) await closeAll();
    else void idle.then(closeAll);
  }
}
