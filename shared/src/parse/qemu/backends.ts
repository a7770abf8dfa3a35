import type { OptionGroup, Setting, Span, SyntaxProblem } from '../../model';
import { spanOf, type MappedText } from '../../text/mapped';
import { type GlobalDefault, globalWriteCaches } from './globals';
import { parseJsonGroup } from './jsonGroup';
import { parseKeyvalGroup } from './keyval';
import { type InlineChain, inlineChain, nodeSetting } from './nodes';
import { type ArgvItem, DISK_OPTIONS, wordSpan } from './options';

/**
 * Sorts the disk-related options of one argv into backends (`-drive`, `-blockdev`, `-hda`…),
 * the device properties that attach them (`-device …,drive=`), and the global `-snapshot`.
 */

export interface Backend {
  /** `-drive`, `-blockdev`, `-hda` … `-hdd`, `-cdrom`, `-fda`, `-fdb`, or `image` (a bare file name). */
  kind: string;
  /** Created by `-drive` or one of its shorthands: legacy `cache=`/`aio=` and `-snapshot` apply. */
  isDrive: boolean;
  group: OptionGroup;
  /** Fixes may append `,key=value` to the group (not to `-hda FILE`). */
  appendable: boolean;
  chain: InlineChain;
  /** The option word (`-drive`). */
  anchor: Span;
  /** The option word through the end of its argument. */
  span: Span;
  /** Names (drive id, node-names) that refer to this backend, each with the node it starts at. */
  names: { name: string; nodeIndex: number; setting: Setting }[];
  /** Drive interface (`none`, `ide`, `virtio`, …); null for `-blockdev`. */
  iface: string | null;
  media: string;
  /** Explicit position on its interface (`index=`, `bus=`, `unit=`, or implied by `-hdb` …). */
  index: number | null;
  bus: number | null;
  unit: number | null;
}

/** A device property that attaches a backend to the guest. */
export interface DeviceUse {
  /** `-device`, `-global` or `-machine`. */
  kind: string;
  /** The device driver (`virtio-blk-pci`, `ide-cd`, `isa-fdc`, or `pflash` for `-machine pflashN=`). */
  driver: string;
  group: OptionGroup;
  /** The property naming the backend (`drive=libvirt-1-format`). */
  ref: Setting;
  id: Setting | null;
  anchor: Span;
  span: Span;
}

export interface CollectedArgs {
  backends: Backend[];
  uses: DeviceUse[];
  /** The global `-snapshot` option as a setting `snapshot=on`. */
  snapshot: Setting | null;
  /** `-global` write-cache defaults, in command-line order. */
  globals: GlobalDefault[];
}

const LEGACY_DRIVES: Record<string, { iface: string; index: number; media: string }> = {
  hda: { iface: 'ide', index: 0, media: 'disk' },
  hdb: { iface: 'ide', index: 1, media: 'disk' },
  hdc: { iface: 'ide', index: 2, media: 'disk' },
  hdd: { iface: 'ide', index: 3, media: 'disk' },
  cdrom: { iface: 'ide', index: 2, media: 'cdrom' },
  fda: { iface: 'floppy', index: 0, media: 'disk' },
  fdb: { iface: 'floppy', index: 1, media: 'disk' },
};

export function collectArgs(items: ArgvItem[], problems: SyntaxProblem[]): CollectedArgs {
  const out: CollectedArgs = { backends: [], uses: [], snapshot: null, globals: [] };
  for (const item of items) {
    if (item.type === 'positional') {
      // QEMU opens a bare argument as the first IDE disk; `$VAR`s are left alone.
      if (item.word.text !== '' && !/[$`]/.test(item.word.text)) {
        if (out.backends.some((b) => b.kind === 'image' || b.kind === '-hda')) {
          problems.push({
            span: wordSpan(item.word),
            message: 'QEMU opens an image name as the first IDE disk, which is already taken: it stops with "drive with bus=0, unit=0 (index=0) exists".',
            severity: 'error',
          });
        } else {
          out.backends.push(legacyDrive('image', { iface: 'ide', index: 0, media: 'disk' }, item.word, item.word));
        }
      }
      continue;
    }
    const { name, word, value } = item;
    if (name === 'snapshot') {
      const span = wordSpan(word);
      out.snapshot = { key: 'snapshot', value: 'on', span, keySpan: span, form: 'keyval' };
      continue;
    }
    if (!value || !DISK_OPTIONS.has(name)) continue;
    const anchor = wordSpan(word);
    const span = { start: anchor.start, end: wordSpan(value).end };
    const legacy = Object.hasOwn(LEGACY_DRIVES, name) ? LEGACY_DRIVES[name] : undefined;
    if (legacy) out.backends.push(legacyDrive(`-${name}`, legacy, word, value));
    else if (name === 'drive') out.backends.push(drive(parseKeyvalGroup(value, { kind: '-drive' }, problems), anchor, span));
    else if (name === 'blockdev') out.backends.push(blockdev(groupOf(value, '-blockdev', 'driver', problems), anchor, span, problems));
    else if (name === 'device') out.uses.push(...deviceUses(groupOf(value, '-device', 'driver', problems), anchor, span));
    else if (name === 'global') {
      const group = parseKeyvalGroup(value, { kind: '-global' }, problems);
      out.uses.push(...globalUses(group, anchor, span));
      out.globals.push(...globalWriteCaches(group));
    }
    else if (name === 'machine' || name === 'M') {
      out.uses.push(...machineUses(parseKeyvalGroup(value, { kind: '-machine', impliedKey: 'type' }, problems), anchor, span));
    }
  }
  return out;
}

/** QEMU reads an argument starting with `{` as JSON, anything else as key=value. */
function groupOf(value: MappedText, kind: string, impliedKey: string, problems: SyntaxProblem[]): OptionGroup {
  return value.text.startsWith('{') ? parseJsonGroup(value, kind, problems) : parseKeyvalGroup(value, { kind, impliedKey }, problems);
}

function drive(group: OptionGroup, anchor: Span, span: Span): Backend {
  const chain = inlineChain(group, group.span, true);
  const root = { group, prefix: '' };
  const names = nodeNames(chain);
  const id = nodeSetting(root, 'id');
  if (id && id.value !== '') names.unshift({ name: id.value, nodeIndex: 0, setting: id });
  return {
    kind: '-drive',
    isDrive: true,
    group,
    appendable: true,
    chain,
    anchor,
    span,
    names,
    iface: (nodeSetting(root, 'if')?.value ?? 'ide').toLowerCase(),
    media: (nodeSetting(root, 'media')?.value ?? 'disk').toLowerCase(),
    index: intSetting(nodeSetting(root, 'index')),
    bus: intSetting(nodeSetting(root, 'bus')),
    unit: intSetting(nodeSetting(root, 'unit')),
  };
}

/** `-hda FILE` and friends: a `-drive file=FILE,index=N` without options of its own. */
function legacyDrive(kind: string, legacy: { iface: string; index: number; media: string }, word: MappedText, value: MappedText): Backend {
  const anchor = wordSpan(word);
  const valueSpan = spanOf(value);
  const file: Setting = { key: 'file', value: value.text, span: valueSpan, keySpan: anchor, form: 'keyval' };
  const group: OptionGroup = { form: 'keyval', kind, span: valueSpan, insertAt: valueSpan.end, settings: [file] };
  return {
    kind,
    isDrive: true,
    group,
    appendable: false,
    chain: inlineChain(group, valueSpan, true),
    anchor,
    span: { start: anchor.start, end: wordSpan(value).end },
    names: [],
    iface: legacy.iface,
    media: legacy.media,
    index: legacy.index,
    bus: null,
    unit: null,
  };
}

function blockdev(group: OptionGroup, anchor: Span, span: Span, problems: SyntaxProblem[]): Backend {
  const chain = inlineChain(group, group.span, false);
  requireTopNodeKeys(group, anchor, problems);
  return {
    kind: '-blockdev',
    isDrive: false,
    group,
    appendable: true,
    chain,
    anchor,
    span,
    names: nodeNames(chain),
    iface: null,
    media: 'disk',
    index: null,
    bus: null,
    unit: null,
  };
}

/**
 * What QEMU asks of every -blockdev's top node before it opens anything (observed with QEMU 7.2):
 * a driver, which the QAPI visitor of BlockdevOptions requires, and a node-name, which
 * blockdev.c's qmp_blockdev_add requires of a root node. A value the parser could not read
 * whole is left to the problem it already has.
 */
function requireTopNodeKeys(group: OptionGroup, anchor: Span, problems: SyntaxProblem[]): void {
  if (group.malformed) return;
  const root = { group, prefix: '' };
  if (!nodeSetting(root, 'driver')) {
    problems.push({ span: anchor, message: `this -blockdev has no driver: QEMU refuses to start ("Parameter 'driver' is missing")`, severity: 'error' });
  }
  if (!nodeSetting(root, 'node-name')) {
    problems.push({ span: anchor, message: `this -blockdev has no node-name: QEMU refuses to start ("'node-name' must be specified for the root node")`, severity: 'error' });
  }
}

function nodeNames(chain: InlineChain): Backend['names'] {
  const names: Backend['names'] = [];
  chain.nodes.forEach((node, nodeIndex) => {
    if (node.nodeName && node.nodeName.value !== '') names.push({ name: node.nodeName.value, nodeIndex, setting: node.nodeName });
  });
  return names;
}

const DRIVE_PROPERTIES = ['drive', 'driveA', 'driveB'];

function deviceUses(group: OptionGroup, anchor: Span, span: Span): DeviceUse[] {
  const root = { group, prefix: '' };
  const driver = nodeSetting(root, 'driver')?.value ?? '';
  const id = nodeSetting(root, 'id');
  const uses: DeviceUse[] = [];
  for (const key of DRIVE_PROPERTIES) {
    const ref = nodeSetting(root, key);
    if (ref && ref.value !== '') uses.push({ kind: '-device', driver, group, ref, id, anchor, span });
  }
  return uses;
}

/** `-global isa-fdc.driveA=ID`, or `-global driver=isa-fdc,property=driveA,value=ID`. */
function globalUses(group: OptionGroup, anchor: Span, span: Span): DeviceUse[] {
  const uses: DeviceUse[] = [];
  for (const s of group.settings) {
    const dot = s.key.lastIndexOf('.');
    if (dot > 0 && DRIVE_PROPERTIES.includes(s.key.slice(dot + 1)) && s.value !== '') {
      uses.push({ kind: '-global', driver: s.key.slice(0, dot), group, ref: s, id: null, anchor, span });
    }
  }
  const root = { group, prefix: '' };
  const property = nodeSetting(root, 'property')?.value;
  const value = nodeSetting(root, 'value');
  if (property && DRIVE_PROPERTIES.includes(property) && value && value.value !== '') {
    uses.push({ kind: '-global', driver: nodeSetting(root, 'driver')?.value ?? '', group, ref: value, id: null, anchor, span });
  }
  return uses;
}

/** `-machine pflash0=NODE`: firmware flash backed by a `-blockdev`. */
function machineUses(group: OptionGroup, anchor: Span, span: Span): DeviceUse[] {
  return group.settings
    .filter((s) => (s.key === 'pflash0' || s.key === 'pflash1') && s.value !== '')
    .map((ref) => ({ kind: '-machine', driver: 'pflash', group, ref, id: null, anchor, span }));
}

function intSetting(s: Setting | null): number | null {
  if (!s || !/^\d+$/.test(s.value)) return null;
  return Number(s.value);
}
