/** The cache/io pair the probe suggests for this image, with the measured reason. Pure. */
import type { AioModeName } from '../modes';
import type { ImageFormat, ModeVerdict, Recommendation } from './types';
import { describeStats, fsLabel, type VerdictInput } from './verdicts';

function migrationSentence(input: VerdictInput, format: ImageFormat, migratableFormat: boolean): string {
  const formatNote = migratableFormat ? '' : ` Only raw and qcow2 images can live-migrate; this one is ${format}.`;
  if (input.kind === 'block') return `With cache='none' libvirt allows live migration of this block device.${formatNote}`;
  if (input.filesystem.cluster) return `Every cache mode can live-migrate on this cluster file system.${formatNote}`;
  if (input.filesystem.shared) return `On this shared storage only cache='none'/'directsync' keep live migration allowed.${formatNote}`;
  return `The image is on local storage: live migration needs a storage copy (--copy-storage-all).${formatNote}`;
}

export function recommend(
  input: VerdictInput,
  modes: Record<'writethrough' | 'directsync', ModeVerdict>,
  format: ImageFormat,
  migratableFormat: boolean,
): Recommendation {
  const fs = input.kind === 'block' ? 'this block device' : fsLabel(input.filesystem);
  const migration = migrationSentence(input, format, migratableFormat);
  if (input.directIO.supported) {
    const io: AioModeName = !input.qemuIo || input.qemuIo.native ? 'native' : input.qemuIo.ioUring ? 'io_uring' : 'threads';
    const aio =
      io === 'native'
        ? ' and can use Linux native AIO'
        : `; io='native' was refused by qemu-io (${input.qemuIo?.nativeMessage ?? 'no message'}), so ${io}`;
    const sync = modes.directsync.verdict === 'slow' ? ' (slow here)' : '';
    return {
      cache: 'none',
      io,
      text:
        `cache='none' io='${io}': O_DIRECT works on ${fs} (alignment ${input.directIO.alignment ?? '?'} B), so QEMU bypasses the host page cache${aio}. ` +
        `For guests that may never flush, use cache='directsync'${sync}: ${describeStats('O_DIRECT|O_DSYNC writes', input.latency.directDsyncWrite)}. ${migration}`,
    };
  }
  const io: AioModeName = input.qemuIo?.ioUring ? 'io_uring' : 'threads';
  const sync = modes.writethrough.verdict === 'slow' ? ' (slow here)' : '';
  return {
    cache: 'writeback',
    io,
    text:
      `cache='writeback' io='${io}': ${fs} does not support O_DIRECT, so cache='none'/'directsync' would stop QEMU from starting and io='native' cannot be used. ` +
      `For guests that may never flush, use cache='writethrough'${sync}: ${describeStats('write+fdatasync', input.latency.writeFdatasync)}. ${migration}`,
  };
}
