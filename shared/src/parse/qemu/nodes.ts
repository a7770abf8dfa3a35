import type { BlockNode, OptionGroup, Setting, Span } from '../../model';
import { childReferenceKeys, ioChildKeys, isProtocolDriver } from './drivers';

/**
 * Block nodes inside one option: the node an option defines and the children written inline
 * (`file.driver=file,file.filename=…` or `"file":{…}`), down to the protocol node or to a
 * reference by node-name that the caller resolves.
 */

/** Where a node's options live: a group, and the prefix of its keys there. */
export interface NodeSite {
  group: OptionGroup;
  prefix: string;
}

/** The last setting of `key` for a node (QEMU keeps the last of repeated keys). */
export function nodeSetting(site: NodeSite, key: string): Setting | null {
  const { prefix } = site;
  const settings = site.group.settings;
  const length = prefix.length + key.length;
  // Compared in parts: concatenating prefix and key would allocate on every lookup.
  for (let i = settings.length - 1; i >= 0; i--) {
    const k = settings[i].key;
    if (k.length === length && k.endsWith(key) && k.startsWith(prefix)) return settings[i];
  }
  return null;
}

export interface InlineChain {
  nodes: BlockNode[];
  /** A `file` child given by node-name, to be followed to another option's nodes. */
  reference: Setting | null;
}

const MAX_INLINE_DEPTH = 16;

/**
 * The chain written inside one option, root first. For a `-drive`, the root's driver is its
 * `format=` (or `driver=`), and a plain `file=NAME` is a file name that implies a protocol
 * node QEMU picks (`file` or `host_device`), not a reference.
 */
export function inlineChain(group: OptionGroup, span: Span, isDrive: boolean): InlineChain {
  const nodes: BlockNode[] = [];
  let site: NodeSite = { group, prefix: '' };
  for (let level = 0; level < MAX_INLINE_DEPTH; level++) {
    const driveRoot = isDrive && level === 0;
    const driver = driverOf(site, driveRoot);
    nodes.push({ driver, nodeName: nodeSetting(site, 'node-name'), group: site.group, prefix: site.prefix, span });
    if (isProtocolDriver(driver?.value)) break;
    let next: NodeSite | null = null;
    let reference: Setting | null = null;
    for (const key of ioChildKeys(driver?.value)) {
      next = inlineChild(site, key);
      if (next) break;
      const ref = nodeSetting(site, key);
      if (ref && isReference(ref)) {
        reference = ref;
        break;
      }
    }
    if (next) {
      site = next;
      continue;
    }
    if (driveRoot && reference) {
      nodes.push({ driver: null, nodeName: null, group, prefix: 'file.', span });
      return { nodes, reference: null };
    }
    return { nodes, reference };
  }
  return { nodes, reference: null };
}

/** A node's driver; a `-drive` names its top node's driver `format=` (or `driver=`). */
function driverOf(site: NodeSite, driveRoot: boolean): Setting | null {
  if (driveRoot) return nodeSetting(site, 'format') ?? nodeSetting(site, 'driver');
  return nodeSetting(site, 'driver');
}

/** The inline child `key` of a node: a nested JSON object or dotted `key.*` options. */
function inlineChild(site: NodeSite, key: string): NodeSite | null {
  if (site.group.form === 'json' && site.prefix === '') {
    const child = site.group.children?.[key];
    return child ? { group: child, prefix: '' } : null;
  }
  const prefix = `${site.prefix}${key}.`;
  for (const s of site.group.settings) if (s.key.startsWith(prefix)) return { group: site.group, prefix };
  return null;
}

/** A setting that names another node: a non-empty string. */
function isReference(s: Setting): boolean {
  return s.value !== '' && (s.form === 'keyval' || s.jsonType === 'string');
}

/**
 * Every node-name an option's nodes refer to as a child or backing (`file`, `backing`, quorum
 * `children.N`, …), anywhere inside the option. A `-drive`'s own `file=` is a file name.
 */
export function referencedNames(group: OptionGroup, isDrive: boolean): Setting[] {
  const refs: Setting[] = [];
  for (const s of group.settings) {
    if (!isReference(s) || (isDrive && s.key === 'file') || !mayReference(s.key)) continue;
    const owner = referenceOwner(s.key);
    if (owner === null) continue;
    const driver = driverOf({ group, prefix: owner.prefix }, isDrive && owner.prefix === '');
    if (childReferenceKeys(driver?.value).includes(owner.role)) refs.push(s);
  }
  return refs;
}

const ROLES = ['file', 'backing', 'data-file', 'image', 'test', 'raw', 'target', 'log'];

/** Cheap pre-check without allocating: the key's last segment is a child role or an array index. */
function mayReference(key: string): boolean {
  const lastChar = key.charCodeAt(key.length - 1);
  if (lastChar >= 48 && lastChar <= 57) return true;
  for (const role of ROLES) {
    if (key.endsWith(role) && (key.length === role.length || key.charCodeAt(key.length - role.length - 1) === 46)) return true;
  }
  return false;
}

/** Splits `a.b.file` into owner prefix `a.b.` and role `file`; `x.children.2` into `x.` and `children`. */
function referenceOwner(key: string): { prefix: string; role: string } | null {
  const dot = key.lastIndexOf('.');
  const last = key.slice(dot + 1);
  if (/^\d+$/.test(last)) {
    const before = key.slice(0, dot);
    const dot2 = before.lastIndexOf('.');
    const role = before.slice(dot2 + 1);
    return role === 'children' ? { prefix: before.slice(0, dot2 + 1), role } : null;
  }
  return { prefix: key.slice(0, dot + 1), role: last };
}
