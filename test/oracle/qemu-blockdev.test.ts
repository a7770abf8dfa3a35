/**
 * `-blockdev` semantics against a real QEMU: a format node over a file node, written in key=value and in
 * JSON, the child inline or as its own `-blockdev`, with cache.direct / cache.no-flush on the parent, the
 * child or both, aio on the file node, the device's write-cache, and a throttle filter on top. Each case
 * starts QEMU for real and compares with our analysis of the same options (see qemuComparison.ts).
 */
import { combinations, keyvals, type ImageFormat, type OracleCase } from './qemuComparison';
import { describeOracleTables } from './oracleSuite';

type OnOff = 'on' | 'off' | undefined;

/** The cache options of one node; undefined = not written. */
interface NodeCache {
  direct?: OnOff;
  noFlush?: OnOff;
}

interface Chain {
  format: ImageFormat;
  parent: NodeCache;
  child: NodeCache & { aio?: string };
  writeCache?: string;
}

const ON_OFF = [undefined, 'on', 'off'] as const;
const SET_ON_OFF = ['on', 'off'] as const;

function jsonCache(c: NodeCache): Record<string, unknown> {
  const cache: Record<string, boolean> = {};
  if (c.direct) cache.direct = c.direct === 'on';
  if (c.noFlush) cache['no-flush'] = c.noFlush === 'on';
  return Object.keys(cache).length > 0 ? { cache } : {};
}

function keyvalCache(c: NodeCache, prefix = ''): [string, string | undefined][] {
  return [
    [`${prefix}cache.direct`, c.direct],
    [`${prefix}cache.no-flush`, c.noFlush],
  ];
}

function device(drive: string, writeCache: string | undefined): string[] {
  return ['-device', 'virtio-blk-pci,' + keyvals([['drive', drive], ['write-cache', writeCache]])];
}

/** The four ways to write the same two-node chain. */
const WRITINGS: Record<string, (c: Chain, image: string) => string[][]> = {
  'key=value, child inline': (c, image) => [
    [
      '-blockdev',
      keyvals([
        ['driver', c.format],
        ['node-name', 'disk0'],
        ...keyvalCache(c.parent),
        ['file.driver', 'file'],
        ['file.filename', image],
        ...keyvalCache(c.child, 'file.'),
        ['file.aio', c.child.aio],
      ]),
    ],
    device('disk0', c.writeCache),
  ],
  'key=value, child as its own -blockdev': (c, image) => [
    ['-blockdev', keyvals([['driver', 'file'], ['filename', image], ['node-name', 'file0'], ...keyvalCache(c.child), ['aio', c.child.aio]])],
    ['-blockdev', keyvals([['driver', c.format], ['file', 'file0'], ['node-name', 'disk0'], ...keyvalCache(c.parent)])],
    device('disk0', c.writeCache),
  ],
  'JSON, child inline': (c, image) => [
    [
      '-blockdev',
      JSON.stringify({
        driver: c.format,
        'node-name': 'disk0',
        ...jsonCache(c.parent),
        file: { driver: 'file', filename: image, ...jsonCache(c.child), ...(c.child.aio ? { aio: c.child.aio } : {}) },
      }),
    ],
    device('disk0', c.writeCache),
  ],
  'JSON, child as its own -blockdev (as libvirt writes it)': (c, image) => [
    ['-blockdev', JSON.stringify({ driver: 'file', filename: image, 'node-name': 'file0', ...jsonCache(c.child), ...(c.child.aio ? { aio: c.child.aio } : {}) })],
    ['-blockdev', JSON.stringify({ 'node-name': 'disk0', ...jsonCache(c.parent), driver: c.format, file: 'file0' })],
    device('disk0', c.writeCache),
  ],
};

/** Parent only, child only, both alike, both different — for each flag — plus aio and write-cache. */
function chains(format: ImageFormat): Chain[] {
  return [
    ...combinations({ p: ON_OFF, c: ON_OFF, aio: [undefined, 'native', 'io_uring'] as const }).map((x) => ({
      format,
      parent: { direct: x.p },
      child: { direct: x.c, aio: x.aio },
    })),
    ...combinations({ p: ON_OFF, c: ON_OFF }).map((x) => ({ format, parent: { noFlush: x.p }, child: { noFlush: x.c } })),
    ...combinations({ p: SET_ON_OFF, c: SET_ON_OFF }).flatMap((x) => [
      { format, parent: { direct: x.p }, child: { noFlush: x.c } },
      { format, parent: { noFlush: x.p }, child: { direct: x.c } },
    ]),
    ...combinations({ w: [undefined, 'on', 'off', 'auto'] as const, p: [undefined, 'on'] as const }).map((x) => ({
      format,
      parent: { direct: x.p },
      child: {},
      writeCache: x.w,
    })),
  ];
}

function chainName(writing: string, c: Chain): string {
  const show = (n: NodeCache & { aio?: string }) =>
    keyvals([['cache.direct', n.direct], ['cache.no-flush', n.noFlush], ['aio', n.aio]]) || '-';
  return `${c.format}, ${writing}: parent ${show(c.parent)}; child ${show(c.child)}; write-cache=${c.writeCache ?? '-'}`;
}

const chainTable: OracleCase[] = unique(
  Object.entries(WRITINGS).flatMap(([writing, write]) =>
    (writing.startsWith('JSON, child as') || writing === 'key=value, child inline' ? (['raw', 'qcow2'] as const) : (['raw'] as const)).flatMap((format) =>
      chains(format).map((c) => ({ name: chainName(writing, c), format, options: (image: string) => write(c, image) })),
    ),
  ),
);

/** The sub-tables overlap (e.g. parent direct=on alone); each combination runs once. */
function unique(cases: OracleCase[]): OracleCase[] {
  return [...new Map(cases.map((c) => [c.name, c])).values()];
}

const THROTTLE_GROUP = ['-object', 'throttle-group,id=tg0'];

/**
 * A throttle filter on top. Without cache options of its own it reports direct=false in query-block even
 * when the file node below runs with O_DIRECT: the node that opens the image decides.
 */
const throttleTable: OracleCase[] = [
  ...combinations({ p: ON_OFF, c: ON_OFF, aio: [undefined, 'native'] as const }).map((x) => ({
    name: `throttle over separate nodes: format cache.direct=${x.p ?? '-'}; file cache.direct=${x.c ?? '-'} aio=${x.aio ?? '-'}`,
    format: 'raw' as const,
    options: (image: string) => [
      THROTTLE_GROUP,
      ['-blockdev', keyvals([['driver', 'file'], ['filename', image], ['node-name', 'file0'], ['cache.direct', x.c], ['aio', x.aio]])],
      ['-blockdev', keyvals([['driver', 'raw'], ['file', 'file0'], ['node-name', 'disk0'], ['cache.direct', x.p]])],
      ['-blockdev', 'driver=throttle,node-name=t0,throttle-group=tg0,file=disk0'],
      device('t0', undefined),
    ],
  })),
  ...combinations({ t: ON_OFF, c: ON_OFF, aio: [undefined, 'native'] as const }).map((x) => ({
    name: `throttle with inline children (JSON): throttle cache.direct=${x.t ?? '-'}; file cache.direct=${x.c ?? '-'} aio=${x.aio ?? '-'}`,
    format: 'qcow2' as const,
    options: (image: string) => [
      THROTTLE_GROUP,
      [
        '-blockdev',
        JSON.stringify({
          driver: 'throttle',
          'node-name': 't0',
          'throttle-group': 'tg0',
          ...jsonCache({ direct: x.t }),
          file: { driver: 'qcow2', file: { driver: 'file', filename: image, ...jsonCache({ direct: x.c }), ...(x.aio ? { aio: x.aio } : {}) } },
        }),
      ],
      device('t0', undefined),
    ],
  })),
];

/**
 * What -blockdev does not accept: the legacy cache words, cache.writeback, strings for booleans, bad aio,
 * driver names QEMU has no driver for, no driver at all.
 */
const refusedTable: OracleCase[] = [
  ['cache=none', 'driver=file,filename=IMG,node-name=disk0,cache=none'],
  ['cache.writeback=on', 'driver=file,filename=IMG,node-name=disk0,cache.writeback=on'],
  ['cache.direct=1', 'driver=file,filename=IMG,node-name=disk0,cache.direct=1'],
  ['aio=bogus', 'driver=file,filename=IMG,node-name=disk0,cache.direct=on,aio=bogus'],
  ['JSON "direct":"on"', '{"driver":"file","filename":"IMG","node-name":"disk0","cache":{"direct":"on"}}'],
  ['JSON "aio":"Native"', '{"driver":"file","filename":"IMG","node-name":"disk0","cache":{"direct":true},"aio":"Native"}'],
  ['an unknown driver', 'driver=fil,filename=IMG,node-name=disk0'],
  ['an unknown driver as the implied key', 'fil,filename=IMG,node-name=disk0'],
  ['a driver in the wrong case', 'driver=File,filename=IMG,node-name=disk0'],
  ['an unknown driver of an inline child (JSON)', '{"driver":"raw","node-name":"disk0","file":{"driver":"fil","filename":"IMG"}}'],
  ['no driver', 'filename=IMG,node-name=disk0'],
  ['no driver (JSON)', '{"filename":"IMG","node-name":"disk0"}'],
].map(([what, blockdev]) => ({
  name: `-blockdev ${what}: ${blockdev}`,
  format: 'raw' as const,
  options: (image: string) => [['-blockdev', blockdev.replace('IMG', image)], device('disk0', undefined)],
}));

/** A top node without a node-name, and no device that would fail for want of it: only the -blockdev is wrong. */
const unnamedTable: OracleCase[] = [
  ['key=value', 'driver=file,filename=IMG'],
  ['JSON', '{"driver":"raw","file":{"driver":"file","filename":"IMG"}}'],
].map(([what, blockdev]) => ({
  name: `-blockdev without node-name, ${what}: ${blockdev}`,
  format: 'raw' as const,
  options: (image: string) => [['-blockdev', blockdev.replace('IMG', image)]],
}));

const TABLES: [string, OracleCase[]][] = [
  ['format node over file node', chainTable],
  ['throttle filter on top', throttleTable],
  ['options -blockdev refuses', refusedTable],
  ['a top node needs a node-name', unnamedTable],
];

describeOracleTables('-blockdev chains: our effective flags equal real QEMU', '-blockdev', TABLES);
