/** The probe's pure parts: header formats, mountinfo, statfs magics, statistics, verdicts and renderings. */
import { describe, expect, it } from 'vitest';
import { formatProbeMarkdown } from '../../shared/src/probe/formatMarkdown';
import { alignColumns, formatProbeText } from '../../shared/src/probe/formatText';
import { classifyFs, fsNameOfMagic, magicHex } from '../../shared/src/probe/fsTypes';
import { detectImageFormat, isMigratableFormat } from '../../shared/src/probe/imageFormat';
import { alignedBlock, MAX_READ_BYTES, randomOffsets, seededRandom, sequentialOffsets } from '../../shared/src/probe/measurePlan';
import { deviceNumber, findMount, fuseSubtypeOf, parseMountinfo } from '../../shared/src/probe/mountinfo';
import { recommend } from '../../shared/src/probe/recommendation';
import { percentile, summarize } from '../../shared/src/probe/stats';
import { storageFactsOf } from '../../shared/src/probe/storageFacts';
import type { FilesystemInfo, Latencies, LatencyStats, ProbeReport } from '../../shared/src/probe/types';
import { modeVerdicts, SLOW_SYNC_WRITE_P50_US, type VerdictInput } from '../../shared/src/probe/verdicts';

function bytesOf(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p));
  return new Uint8Array(out);
}

function qcow2Header(version: number, backing?: string): Uint8Array {
  const h = new Uint8Array(512);
  const dv = new DataView(h.buffer);
  h.set([0x51, 0x46, 0x49, 0xfb]);
  dv.setUint32(4, version);
  if (backing) {
    dv.setBigUint64(8, 0x70n);
    dv.setUint32(16, backing.length);
  }
  dv.setBigUint64(24, 16n * 1024n * 1024n);
  return h;
}

describe('image format from header bytes', () => {
  it('reads qcow2 version, virtual size and where the backing name is', () => {
    const d = detectImageFormat(qcow2Header(3, 'base.qcow2'));
    expect(d.format).toBe('qcow2');
    expect(d.details).toEqual({ version: 3, backingFile: null, virtualSize: 16 * 1024 * 1024 });
    expect(d.backingName).toEqual({ offset: 0x70, size: 10 });
    expect(detectImageFormat(qcow2Header(2)).backingName).toBeUndefined();
    expect(detectImageFormat(qcow2Header(1)).format).toBe('qcow');
  });

  it('recognises vmdk (both forms), vdi at 0x40, vhdx, qed; anything else is raw', () => {
    expect(detectImageFormat(bytesOf('KDMV', [1, 0, 0, 0])).format).toBe('vmdk');
    expect(detectImageFormat(bytesOf('# Disk DescriptorFile\nversion=1\n')).format).toBe('vmdk');
    const vdi = new Uint8Array(0x48);
    vdi.set([0x7f, 0x10, 0xda, 0xbe], 0x40);
    expect(detectImageFormat(vdi).format).toBe('vdi');
    expect(detectImageFormat(bytesOf('vhdxfile', [0, 0])).format).toBe('vhdx');
    expect(detectImageFormat(bytesOf('QED', [0])).format).toBe('qed');
    expect(detectImageFormat(new Uint8Array(512)).format).toBe('raw');
    expect(detectImageFormat(new Uint8Array(0)).format).toBe('raw');
    expect(detectImageFormat(bytesOf('QFI')).format).toBe('raw'); // truncated magic
  });

  it('only raw and qcow2 can live-migrate', () => {
    expect(['raw', 'qcow2', 'vmdk', 'vdi', 'vhdx', 'qed', 'qcow'].filter((f) => isMigratableFormat(f as 'raw'))).toEqual(['raw', 'qcow2']);
  });
});

describe('mountinfo', () => {
  const text = [
    '24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw',
    '25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw',
    '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
    '30 25 0:27 / /dev/shm rw,relatime - tmpfs tmpfs rw',
    '41 27 0:50 / /mnt/vm\\040images rw shared:5 - fuse.glusterfs gl:/vol rw',
    '42 27 0:51 / /mnt/vmx rw - nfs4 srv:/x rw',
    'garbage line',
  ].join('\n');
  const entries = parseMountinfo(text);

  it('parses fields, optional fields and octal escapes', () => {
    expect(entries).toHaveLength(6);
    expect(entries[4]).toEqual({ device: '0:50', mountPoint: '/mnt/vm images', fsType: 'fuse.glusterfs', source: 'gl:/vol' });
  });

  it('finds the deepest mount, on whole path components, preferring the matching device and the later entry', () => {
    expect(findMount(entries, '/mnt/vm images/a.qcow2')?.fsType).toBe('fuse.glusterfs');
    expect(findMount(entries, '/mnt/vmxyz/a')?.mountPoint).toBe('/');
    expect(findMount(entries, '/dev/shm/x')?.device).toBe('0:27');
    expect(findMount(entries, '/dev/shm/x', '0:23')?.device).toBe('0:23');
    expect(findMount(entries, '/mnt/vmx', '0:51')?.fsType).toBe('nfs4');
    expect(findMount([], '/x')).toBeUndefined();
  });

  it('FUSE subtypes and device numbers', () => {
    expect(fuseSubtypeOf('fuse.sshfs')).toBe('sshfs');
    expect(fuseSubtypeOf('fuseblk')).toBeUndefined();
    expect(deviceNumber(254 * 256)).toBe('254:0');
    expect(deviceNumber(27)).toBe('0:27');
    // major 259, minor 300 in the kernel's split encoding
    expect(deviceNumber((259 << 8) | (300 & 0xff) | ((300 & ~0xff) << 12))).toBe('259:300');
  });
});

describe('statfs magics as libvirt sees them', () => {
  it('names and hex', () => {
    expect(fsNameOfMagic(0xef53)).toBe('ext4');
    expect(fsNameOfMagic(0x858458f6)).toBe('ramfs');
    expect(magicHex(0xef53)).toBe('0xef53');
    expect(magicHex(-16777216 >>> 0)).toBe('0xff000000');
  });

  it('shared and cluster lists, FUSE by subtype', () => {
    expect(classifyFs(0x6969, undefined)).toEqual({ shared: true, cluster: false }); // nfs
    expect(classifyFs(0x01161970, undefined)).toEqual({ shared: true, cluster: true }); // gfs2
    expect(classifyFs(0x00c36400, undefined)).toEqual({ shared: true, cluster: true }); // ceph
    expect(classifyFs(0xff534d42, undefined)).toEqual({ shared: true, cluster: false }); // cifs
    expect(classifyFs(0x65735546, 'glusterfs')).toEqual({ shared: true, cluster: true });
    expect(classifyFs(0x65735546, 'quobyte')).toEqual({ shared: true, cluster: false });
    expect(classifyFs(0x65735546, 'sshfs')).toEqual({ shared: false, cluster: false });
    expect(classifyFs(0xef53, undefined)).toEqual({ shared: false, cluster: false });
    expect(classifyFs(0x12345678, undefined)).toEqual({ shared: false, cluster: false });
  });
});

describe('statistics and the measuring plan', () => {
  it('nearest-rank percentiles and MB/s', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    const s = summarize([30, 10, 20], 3 * 4096, 100, 4096, 'random');
    expect(s).toEqual({ p50Us: 20, p95Us: 30, p99Us: 30, mbPerSec: 122.9, count: 3, blockSize: 4096, pattern: 'random' });
    expect(summarize([], 0, 0, 4096, 'random')).toBeNull();
  });

  it('offsets are block-aligned, inside the file, and bounded', () => {
    const random = seededRandom(1);
    const offs = randomOffsets(2 ** 40, 4096, 500, random);
    expect(offs).toHaveLength(500);
    expect(offs.every((o) => o % 4096 === 0 && o >= 0 && o + 4096 <= 2 ** 40)).toBe(true);
    expect(randomOffsets(1000, 4096, 10, random)).toEqual([0]);
    expect(randomOffsets(0, 4096, 10, random)).toEqual([]);
    expect(sequentialOffsets(1 << 20, 262144, 24 << 20)).toEqual([0, 262144, 524288, 786432]);
    expect(sequentialOffsets(100, 262144, 24 << 20)).toEqual([0]);
    expect(alignedBlock(4096, 512)).toBe(4096);
    expect(alignedBlock(4096, 8192)).toBe(8192);
    expect(MAX_READ_BYTES).toBeLessThanOrEqual(64 * 1024 * 1024);
  });
});

function stats(p50Us: number): LatencyStats {
  return { p50Us, p95Us: p50Us * 2, p99Us: p50Us * 3, mbPerSec: 1, count: 100, blockSize: 4096, pattern: 'random' };
}

const NO_LATENCY: Latencies = {
  directRead: null,
  directReadSequential: null,
  bufferedRead: null,
  bufferedReadSequential: null,
  dsyncWrite: null,
  directDsyncWrite: null,
  writeFdatasync: null,
};

function fsInfo(over: Partial<FilesystemInfo> = {}): FilesystemInfo {
  return { type: 'ext4', magic: '0xef53', shared: false, cluster: false, mountPoint: '/', blockSize: 4096, ...over };
}

function input(over: Partial<VerdictInput> = {}): VerdictInput {
  return { kind: 'file', filesystem: fsInfo(), directIO: { supported: true, alignment: 512 }, qemuIo: null, latency: NO_LATENCY, ...over };
}

describe('verdicts per cache mode', () => {
  it('without O_DIRECT, none and directsync refuse to start and quote qemu-io', () => {
    const v = modeVerdicts(
      input({
        filesystem: fsInfo({ type: 'ramfs', magic: '0x858458f6' }),
        directIO: { supported: false, alignment: null, error: 'open with O_DIRECT failed with EINVAL' },
        qemuIo: { native: false, ioUring: true, message: 'm', nativeMessage: "Could not open 'x': filesystem does not support O_DIRECT", ioUringMessage: null, timedOut: false, binary: 'qemu-io' },
      }),
    );
    expect(v.none).toMatchObject({ starts: false, verdict: 'refuses-to-start' });
    expect(v.none.reason).toMatch(/^QEMU will refuse to start: open with O_DIRECT failed with EINVAL; qemu-io says: .*filesystem does not support O_DIRECT/);
    expect(v.directsync.starts).toBe(false);
    expect([v.writeback, v.writethrough, v.unsafe].every((m) => m.starts && m.verdict === 'works')).toBe(true);
  });

  it('migration follows libvirt: local never, shared only direct modes, cluster all, block direct modes', () => {
    const safe = (i: VerdictInput) => Object.entries(modeVerdicts(i)).filter(([, m]) => m.migrationSafe).map(([n]) => n);
    expect(safe(input())).toEqual([]);
    expect(modeVerdicts(input()).none.migrationReason).toContain('Migration without shared storage is unsafe');
    expect(safe(input({ filesystem: fsInfo({ type: 'nfs4', shared: true }) }))).toEqual(['none', 'directsync']);
    expect(modeVerdicts(input({ filesystem: fsInfo({ shared: true }) })).writeback.migrationReason).toContain('cache other than none or directsync');
    expect(safe(input({ filesystem: fsInfo({ type: 'gfs2', shared: true, cluster: true }) }))).toEqual(['writeback', 'writethrough', 'none', 'directsync', 'unsafe']);
    expect(safe(input({ kind: 'block', filesystem: fsInfo({ type: 'devtmpfs' }) }))).toEqual(['none', 'directsync']);
  });

  it('sync modes are slow when a synchronous write takes the threshold or more, with the numbers', () => {
    const slow = modeVerdicts(input({ latency: { ...NO_LATENCY, writeFdatasync: stats(SLOW_SYNC_WRITE_P50_US), directDsyncWrite: stats(5000) } }));
    expect(slow.writethrough.verdict).toBe('slow');
    expect(slow.writethrough.reason).toContain('p50 2000 µs');
    expect(slow.directsync.verdict).toBe('slow');
    expect(slow.directsync.reason).toContain('about 200 synchronous writes/s');
    expect(slow.writeback.verdict).toBe('works');
    const fast = modeVerdicts(input({ latency: { ...NO_LATENCY, writeFdatasync: stats(150), directDsyncWrite: stats(SLOW_SYNC_WRITE_P50_US - 1) } }));
    expect(fast.writethrough.verdict).toBe('works');
    expect(fast.directsync.verdict).toBe('works');
    expect(modeVerdicts(input()).directsync.reason).toContain('not measured');
  });

  it('recommends none+native with O_DIRECT, falls back on what qemu-io accepted, writeback without O_DIRECT', () => {
    const ok = input();
    expect(recommend(ok, modeVerdicts(ok), 'raw', true)).toMatchObject({ cache: 'none', io: 'native' });
    const noNative = input({ qemuIo: { native: false, ioUring: true, message: 'x', nativeMessage: 'x', ioUringMessage: null, timedOut: false, binary: 'q' } });
    expect(recommend(noNative, modeVerdicts(noNative), 'raw', true)).toMatchObject({ cache: 'none', io: 'io_uring' });
    const none = input({ directIO: { supported: false, alignment: null } });
    const r = recommend(none, modeVerdicts(none), 'vmdk', false);
    expect(r).toMatchObject({ cache: 'writeback', io: 'threads' });
    expect(r.text).toContain('does not support O_DIRECT');
    expect(r.text).toContain('Only raw and qcow2 images can live-migrate; this one is vmdk');
  });
});

function report(over: Partial<ProbeReport> = {}): ProbeReport {
  const base = input();
  const modes = modeVerdicts(base);
  return {
    path: '/var/lib/images/a|b `x`\nc.qcow2',
    requestedPath: 'a.qcow2',
    kind: 'file',
    size: 1 << 20,
    allocated: 4096,
    sparse: true,
    symlinks: [{ link: '/l', target: 'a.qcow2' }],
    filesystem: base.filesystem,
    directIO: base.directIO,
    format: 'qcow2',
    formatDetails: { version: 3, backingFile: null, virtualSize: 1 << 30 },
    migratableFormat: true,
    qemuIo: null,
    modes,
    latency: { ...NO_LATENCY, directRead: stats(80) },
    recommendation: recommend(base, modes, 'qcow2', true),
    notes: ['a note'],
    timeLimitMs: 10000,
    timedOut: false,
    elapsedMs: 1234,
    ...over,
  };
}

describe('renderings', () => {
  it('plain text aligns columns and keeps odd file names on one line', () => {
    expect(alignColumns([['a', 'bb', 'c'], ['ccc', 'd', 'e']], '')).toBe('a    bb  c\nccc  d   e');
    const text = formatProbeText(report());
    expect(text).toContain('"/var/lib/images/a|b `x`\\nc.qcow2"');
    expect(text).toMatch(/O_DIRECT random read +4\.0 KiB +80 µs +160 µs +240 µs/);
    expect(text).toMatch(/none +yes +works +refused/);
    expect(text).toContain('Recommendation: cache=\'none\' io=\'native\'');
    expect(text.split('\n').some((l) => l.includes('c.qcow2') && !l.includes('Path'))).toBe(false);
    expect(formatProbeText(report({ kind: 'block' }))).toMatch(/File system +none: a block device \(its node lives on ext4\)/);
  });

  it('Markdown escapes table-breaking characters', () => {
    const md = formatProbeMarkdown(report());
    expect(md).toContain('# Native-I/O probe');
    expect(md).toContain('a\\|b \\`x\\`\\\\nc.qcow2');
    const rows = md.split('\n').filter((l) => l.startsWith('| Path'));
    expect(rows).toHaveLength(1);
    expect(md).toMatch(/\| none \| yes \| works \| refused \|/);
    expect(md).toContain("## Recommendation\n\ncache='none' io='native': O\\_DIRECT works on ext4");
  });

  it('storage facts for the diagnostics', () => {
    expect(storageFactsOf(report())).toEqual({ directIO: true, filesystem: 'ext4', shared: false, cluster: false });
    const refused = report({ directIO: { supported: false, alignment: null, error: 'open with O_DIRECT failed with EINVAL' } });
    expect(storageFactsOf(refused)).toMatchObject({ directIO: false, directIOError: 'open with O_DIRECT failed with EINVAL' });
  });
});
