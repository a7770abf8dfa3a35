/** The report as labelled rows, shared by the plain-text and the Markdown rendering. Pure. */
import { CACHE_MODES, type CacheModeName } from '../modes';
import { showPath } from './probeError';
import type { Latencies, ProbeReport } from './types';
import { fsLabel, us } from './verdicts';

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function formatLine(r: ProbeReport): string {
  const d = r.formatDetails;
  const parts = [r.format + (d.version !== undefined ? ` v${d.version}` : '')];
  if (d.virtualSize !== undefined) parts.push(`virtual size ${bytes(d.virtualSize)}`);
  if (d.backingFile) parts.push(`backing file ${showPath(d.backingFile)}`);
  parts.push(r.migratableFormat ? 'can live-migrate' : 'cannot live-migrate (only raw and qcow2 can)');
  return parts.join(', ');
}

/** Label/value pairs describing the image and its storage. */
export function summaryRows(r: ProbeReport): [string, string][] {
  const fs = r.filesystem;
  const storage = fs.cluster ? 'cluster file system' : fs.shared ? 'shared storage' : 'local (not shared)';
  const rows: [string, string][] = [
    ['Path', showPath(r.path)],
    ['Kind', `${r.kind === 'block' ? 'block device' : 'regular file'}, ${bytes(r.size)}, ${bytes(r.allocated)} allocated${r.sparse ? ' (sparse)' : ''}`],
    ['Format', formatLine(r)],
    [
      'File system',
      r.kind === 'block'
        ? `none: a block device (its node lives on ${fsLabel(fs)}); libvirt does not check block devices for shared storage`
        : `${fsLabel(fs)} (magic ${fs.magic}${fs.mountPoint ? `, mounted at ${showPath(fs.mountPoint)}` : ''}), ${storage}`,
    ],
    [
      'O_DIRECT',
      r.directIO.supported
        ? `supported, alignment ${r.directIO.alignment ?? '?'} B${r.directIO.alignmentSource && r.directIO.alignmentSource !== 'reads' ? ` (${r.directIO.alignmentSource})` : ''}`
        : `not supported: ${r.directIO.error ?? 'refused'}`,
    ],
    [
      'qemu-io',
      r.qemuIo
        ? `cache=none,aio=native: ${r.qemuIo.native ? 'opens' : 'refused'}; aio=io_uring: ${r.qemuIo.ioUring ? 'opens' : 'refused'}${r.qemuIo.message ? ` — ${r.qemuIo.message}` : ''}`
        : 'not run',
    ],
  ];
  if (r.symlinks.length > 0) rows.splice(1, 0, ['Symlinks', r.symlinks.map((h) => `${showPath(h.link)} → ${showPath(h.target)}`).join('; ')]);
  if (r.requestedPath !== r.path) rows.splice(1, 0, ['Requested', showPath(r.requestedPath)]);
  return rows;
}

export const MODE_HEADER = ['Mode', 'Starts', 'Verdict', 'Live migration', 'Why'];

export function modeRows(r: ProbeReport): string[][] {
  return (Object.keys(CACHE_MODES) as CacheModeName[]).map((name) => {
    const m = r.modes[name];
    return [name, m.starts ? 'yes' : 'NO', m.verdict, m.migrationSafe ? 'allowed' : 'refused', m.reason];
  });
}

const LATENCY_LABELS: Record<keyof Latencies, string> = {
  directRead: 'O_DIRECT random read',
  directReadSequential: 'O_DIRECT sequential read',
  bufferedRead: 'buffered random read',
  bufferedReadSequential: 'buffered sequential read',
  dsyncWrite: 'O_DSYNC write',
  directDsyncWrite: 'O_DIRECT|O_DSYNC write',
  writeFdatasync: 'write + fdatasync',
};

export const LATENCY_HEADER = ['Measurement', 'Block', 'p50', 'p95', 'p99', 'MB/s', 'Ops'];

export function latencyRows(r: ProbeReport): string[][] {
  return (Object.keys(LATENCY_LABELS) as (keyof Latencies)[]).map((key) => {
    const s = r.latency[key];
    if (!s) return [LATENCY_LABELS[key], '-', '-', '-', '-', '-', 'not measured'];
    return [LATENCY_LABELS[key], bytes(s.blockSize), us(s.p50Us), us(s.p95Us), us(s.p99Us), s.mbPerSec.toFixed(1), String(s.count)];
  });
}
