import type { BlockNode, Disk, Setting, Span, SyntaxProblem } from '../../model';
import type { MappedText } from '../../text/mapped';
import { type Backend, type DeviceUse, collectArgs } from './backends';
import { type GlobalDefault, globalWriteCache } from './globals';
import { driveAutoNames } from './driveNames';
import { isFilterDriver, isProtocolDriver, sourceTypeOfDriver, sourceTypeOfFilename } from './drivers';
import { type NodeSite, nodeSetting, referencedNames } from './nodes';
import { splitArgv } from './options';

/**
 * The disks of one QEMU argv (the words after the binary): each guest-visible drive with its
 * node chain, plus backends no device uses. Also used for libvirt `<qemu:arg>` values.
 */
export function disksFromQemuArgs(words: MappedText[], problems: SyntaxProblem[]): Disk[] {
  const { backends, uses, snapshot, globals } = collectArgs(splitArgv(words, problems), problems);
  const everyDisk: ArgvWide = { snapshot, globals };
  const registry = registerNames(backends, problems);
  const referenced = referencedBackends(backends, registry, problems);
  const autoNames = driveAutoNames(backends);
  const attached = new Set<Backend>();
  const disks: Disk[] = [];

  for (const use of uses) {
    const name = use.ref.value;
    const entry = registry.get(name);
    if (!entry) {
      problems.push({ span: use.ref.span, message: `drive '${name}' is not defined by any -drive or -blockdev`, severity: 'error' });
      continue;
    }
    const backend = entry.backend;
    if (backend.isDrive && backend.iface !== 'none') {
      problems.push({
        span: use.ref.span,
        message: `drive '${name}' is already connected to the guest by if=${backend.iface}; give it if=none to attach it with ${use.kind}`,
        severity: 'error',
      });
      continue;
    }
    if (attached.has(backend)) {
      problems.push({ span: use.ref.span, message: `drive '${name}' is already used by another device`, severity: 'error' });
      continue;
    }
    attached.add(backend);
    const own = use.ref.key === 'drive' && use.id && use.id.value !== '' ? use.id.value : name;
    disks.push(
      buildDisk(registry, backend, entry.nodeIndex, everyDisk, {
        name: own,
        span: use.span,
        anchor: use.anchor,
        deviceKind: deviceKindOfUse(use, backend),
        use,
      }),
    );
  }

  for (const backend of backends) {
    if (attached.has(backend) || referenced.has(backend)) continue;
    const name = backend.names[0]?.name ?? autoNames.get(backend) ?? null;
    disks.push(
      buildDisk(registry, backend, 0, everyDisk, {
        name,
        span: backend.span,
        anchor: backend.anchor,
        deviceKind: deviceKindOfDrive(backend),
        use: null,
      }),
    );
  }
  return disks.sort((a, b) => a.span.start - b.span.start);
}

type Registry = Map<string, { backend: Backend; nodeIndex: number }>;

/** Drive ids and node-names share one name space in QEMU. */
function registerNames(backends: Backend[], problems: SyntaxProblem[]): Registry {
  const registry: Registry = new Map();
  for (const backend of backends) {
    for (const { name, nodeIndex, setting } of backend.names) {
      const earlier = registry.get(name);
      if (!earlier) registry.set(name, { backend, nodeIndex });
      else if (earlier.backend !== backend) {
        problems.push({ span: setting.span, message: `'${name}' is already defined by an earlier ${earlier.backend.kind}`, severity: 'error' });
      }
    }
  }
  return registry;
}

/** Backends that are a child or backing of another node: part of that disk, not disks of their own. */
function referencedBackends(backends: Backend[], registry: Registry, problems: SyntaxProblem[]): Set<Backend> {
  const referenced = new Set<Backend>();
  for (const backend of backends) {
    for (const ref of referencedNames(backend.group, backend.isDrive)) {
      const entry = registry.get(ref.value);
      if (!entry) {
        problems.push({ span: ref.span, message: `node '${ref.value}' is not defined by any -blockdev`, severity: 'error' });
      } else if (entry.backend !== backend) referenced.add(entry.backend);
    }
  }
  return referenced;
}

interface Attachment {
  /** Null: name the disk after what it opens. */
  name: string | null;
  span: Span;
  anchor: Span;
  deviceKind: string;
  use: DeviceUse | null;
}

/** What applies to every disk of the command line. */
interface ArgvWide {
  /** The global `-snapshot`. */
  snapshot: Setting | null;
  globals: readonly GlobalDefault[];
}

function buildDisk(registry: Registry, backend: Backend, nodeIndex: number, { snapshot, globals }: ArgvWide, at: Attachment): Disk {
  const { nodes, owners } = resolveChain(registry, backend, nodeIndex);
  const root = nodes[0];
  const protocol = nodes[nodes.length - 1];
  const protocolOwner = owners[owners.length - 1];
  const ownerRoot: NodeSite = { group: protocolOwner.group, prefix: '' };
  const backendRoot: NodeSite = { group: backend.group, prefix: '' };
  const source = firstSetting(protocol, SOURCE_KEYS) ?? (protocolOwner.isDrive ? nodeSetting(ownerRoot, 'file') : null);
  const deviceRoot: NodeSite | null = at.use?.kind === '-device' ? { group: at.use.group, prefix: '' } : null;
  const inherited = (key: string) => inheritedSetting(nodes, owners, key);
  return {
    syntax: 'qemu-cmdline',
    name: at.name ?? source?.value ?? backend.kind,
    span: at.span,
    anchor: at.anchor,
    deviceKind: at.deviceKind,
    sourceType: sourceTypeOf(protocol, source),
    source,
    format: formatOf(nodes),
    cache: backend.isDrive ? nodeSetting(backendRoot, 'cache') : null,
    aio: nodeSetting(protocol, 'aio') ?? (protocolOwner.isDrive ? nodeSetting(ownerRoot, 'aio') : null),
    cacheDirect: inherited('cache.direct'),
    cacheNoFlush: inherited('cache.no-flush'),
    cacheWriteback: inherited('cache.writeback'),
    writeCache: deviceRoot ? nodeSetting(deviceRoot, 'write-cache') : null,
    globalWriteCache: globalWriteCache(globals, at.use ? at.use.driver : implicitDeviceType(backend)),
    nodes,
    readonly: nodeSetting(root, 'read-only') ?? nodeSetting(root, 'readonly'),
    shareable: deviceRoot ? nodeSetting(deviceRoot, 'share-rw') : null,
    snapshot: backend.isDrive ? (nodeSetting(root, 'snapshot') ?? snapshot) : null,
    discard: firstAlongChain(nodes, 'discard'),
    detectZeroes: firstAlongChain(nodes, 'detect-zeroes'),
    copyOnRead: nodeSetting(root, 'copy-on-read'),
    groups: {
      driver: backend.appendable ? backend.group : undefined,
      device: deviceRoot ? deviceRoot.group : undefined,
    },
  };
}

/**
 * The I/O path from the node a device attaches to, following `file` children by node-name
 * into other options (never `backing`). `owners[i]` is the option that wrote `nodes[i]`.
 */
function resolveChain(registry: Registry, backend: Backend, nodeIndex: number): { nodes: BlockNode[]; owners: Backend[] } {
  const nodes = backend.chain.nodes.slice(nodeIndex);
  const owners = nodes.map(() => backend);
  const visited = new Set([backend]);
  let ref = backend.chain.reference;
  while (ref) {
    const entry = registry.get(ref.value);
    if (!entry || visited.has(entry.backend)) break;
    visited.add(entry.backend);
    for (const node of entry.backend.chain.nodes.slice(entry.nodeIndex)) {
      nodes.push(node);
      owners.push(entry.backend);
    }
    ref = entry.backend.chain.reference;
  }
  return { nodes, owners };
}

/** The most useful name of what the protocol node opens, by driver: path, URL, image, export, … */
const SOURCE_KEYS = ['filename', 'url', 'image', 'path', 'export', 'target', 'device', 'server.host', 'server.path'];

function firstSetting(site: NodeSite, keys: readonly string[]): Setting | null {
  for (const key of keys) {
    const s = nodeSetting(site, key);
    if (s) return s;
  }
  return null;
}

function sourceTypeOf(protocol: BlockNode, source: Setting | null): string | null {
  const driver = protocol.driver?.value;
  if (driver !== undefined) return sourceTypeOfDriver(driver);
  return source ? sourceTypeOfFilename(source.value) : null;
}

/** The image format: the first node below the filters that is not a protocol (null when QEMU probes). */
function formatOf(nodes: BlockNode[]): Setting | null {
  for (const node of nodes) {
    const driver = node.driver?.value;
    if (isFilterDriver(driver)) continue;
    return isProtocolDriver(driver) ? null : node.driver;
  }
  return null;
}

/**
 * `cache.*` as the protocol node sees it: its own, else inherited from the inline parents
 * written in the same option (nodes opened by separate options do not inherit).
 */
function inheritedSetting(nodes: BlockNode[], owners: Backend[], key: string): Setting | null {
  const last = nodes.length - 1;
  for (let i = last; i >= 0 && owners[i] === owners[last]; i--) {
    const s = nodeSetting(nodes[i], key);
    if (s) return s;
  }
  return null;
}

function firstAlongChain(nodes: BlockNode[], key: string): Setting | null {
  for (const node of nodes) {
    const s = nodeSetting(node, key);
    if (s) return s;
  }
  return null;
}

const CDROM_DEVICES = new Set(['ide-cd', 'scsi-cd']);
const LUN_DEVICES = new Set(['scsi-block', 'scsi-generic']);

function deviceKindOfUse(use: DeviceUse, backend: Backend): string {
  if (use.kind === '-machine') return 'pflash';
  if (use.ref.key.endsWith('driveA') || use.ref.key.endsWith('driveB') || use.driver === 'floppy') return 'floppy';
  if (CDROM_DEVICES.has(use.driver)) return 'cdrom';
  if (LUN_DEVICES.has(use.driver)) return 'lun';
  return backend.media === 'cdrom' ? 'cdrom' : 'disk';
}

/**
 * The device QEMU makes for a drive whose `if=` is not `none` (drive_new in blockdev.c, and the
 * board for ide and scsi). `virtio` is virtio-blk-pci on PC machines, which is what launch
 * scripts run; s390x's virtio-blk-ccw is not told apart.
 */
function implicitDeviceType(backend: Backend): string | null {
  const cdrom = backend.media === 'cdrom';
  switch (backend.iface) {
    case 'virtio':
      return 'virtio-blk-pci';
    case 'ide':
      return cdrom ? 'ide-cd' : 'ide-hd';
    case 'scsi':
      return cdrom ? 'scsi-cd' : 'scsi-hd';
    default:
      return null;
  }
}

function deviceKindOfDrive(backend: Backend): string {
  if (backend.media === 'cdrom') return 'cdrom';
  if (backend.iface === 'floppy') return 'floppy';
  if (backend.iface === 'pflash') return 'pflash';
  return 'disk';
}
