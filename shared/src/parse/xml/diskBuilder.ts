/**
 * One `<disk>` element turned into the disk model. Only the disk's own children count: the
 * `<source>`/`<format>` inside `<backingStore>` or `<mirror>` describe other images.
 */
import { span, type Disk, type OptionGroup, type Setting, type Span } from '../../model';
import { XmlSetting, type Quote, type StartTag } from './startTag';

/** Children of `<disk>` whose attributes are read. */
export const DISK_CHILDREN_WITH_ATTRIBUTES: ReadonlySet<string> = new Set(['driver', 'source', 'target']);

/** Which `<source>` attribute names the image, by `<disk type=>`. */
const SOURCE_ATTRIBUTE = new Map([
  ['file', 'file'],
  ['block', 'dev'],
  ['dir', 'dir'],
  ['network', 'name'],
  ['volume', 'volume'],
  ['vhostuser', 'path'],
]);
/** For other or mistyped disk types: the first of these that is present. */
const SOURCE_FALLBACK = ['file', 'dev', 'dir', 'name', 'volume', 'path'];

type FlagElement = 'readonly' | 'shareable' | 'transient';
/** Children of `<disk>` that are settings by being there. */
export const DISK_FLAG_ELEMENTS: ReadonlySet<string> = new Set<FlagElement>(['readonly', 'shareable', 'transient']);

export class DiskBuilder {
  private readonly diskGroup: OptionGroup;
  private driverGroup: OptionGroup | undefined;
  private source: readonly Setting[] | undefined;
  private target: readonly Setting[] | undefined;
  /** `<readonly/>`, `<shareable/>`, `<transient/>`: the first of each. */
  private readonlyFlag: Setting | undefined;
  private shareableFlag: Setting | undefined;
  private transientFlag: Setting | undefined;

  private readonly start: number;
  private readonly anchor: Span;

  constructor(
    tag: StartTag,
    /** 1-based position among the document's disks, for a name when `<target dev=>` is missing. */
    private readonly ordinal: number,
  ) {
    this.start = tag.start;
    this.anchor = nameSpan(tag);
    this.diskGroup = group('disk', tag, tag.quote ?? "'");
  }

  /** A direct child of the `<disk>` element. */
  child(name: string, tag: StartTag): void {
    if (name === 'driver') this.driverGroup ??= group('driver', tag, tag.quote ?? this.diskGroup.quote ?? "'");
    else if (name === 'source') this.source ??= tag.attributes ?? [];
    else if (name === 'target') this.target ??= tag.attributes ?? [];
    else if (name === 'readonly') this.readonlyFlag ??= flag(name, tag);
    else if (name === 'shareable') this.shareableFlag ??= flag(name, tag);
    else if (name === 'transient') this.transientFlag ??= flag(name, tag);
  }

  build(end: number): Disk {
    // One pass over each tag's attributes (the first of a key counts, as duplicates were dropped).
    let type: Setting | null = null;
    let device: Setting | null = null;
    for (const s of this.diskGroup.settings) {
      if (s.key === 'type') type ??= s;
      else if (s.key === 'device') device ??= s;
    }
    let format: Setting | null = null;
    let cache: Setting | null = null;
    let io: Setting | null = null;
    let discard: Setting | null = null;
    let detectZeroes: Setting | null = null;
    let copyOnRead: Setting | null = null;
    if (this.driverGroup) {
      for (const s of this.driverGroup.settings) {
        switch (s.key) {
          case 'type': format ??= s; break;
          case 'cache': cache ??= s; break;
          case 'io': io ??= s; break;
          case 'discard': discard ??= s; break;
          case 'detect_zeroes': detectZeroes ??= s; break;
          case 'copy_on_read': copyOnRead ??= s; break;
        }
      }
    }
    const sourceType = type?.value ?? 'file';
    const dev = this.target ? byKey(this.target, 'dev') : undefined;
    return new XmlDisk({
      name: dev ? dev.value : `disk-${this.ordinal}`,
      span: span(this.start, end),
      anchor: this.anchor,
      deviceKind: device?.value ?? 'disk',
      sourceType,
      source: this.sourceSetting(sourceType),
      format,
      cache,
      aio: io,
      readonly: this.readonlyFlag ?? null,
      shareable: this.shareableFlag ?? null,
      snapshot: this.transientFlag ?? null,
      discard,
      detectZeroes,
      copyOnRead,
      groups: new XmlGroups(this.diskGroup, this.driverGroup),
    });
  }

  private sourceSetting(sourceType: string): Setting | null {
    const source = this.source;
    if (!source) return null;
    const preferred = SOURCE_ATTRIBUTE.get(sourceType);
    const found = preferred ? byKey(source, preferred) : undefined;
    if (found) return found;
    for (const key of SOURCE_FALLBACK) {
      const fallback = byKey(source, key);
      if (fallback) return fallback;
    }
    return null;
  }
}

/** A libvirt disk is one node as far as the model goes: every disk shares this empty chain. */
const NO_NODES: Disk['nodes'] = [];

// The model's objects are made with `new`, not as literals: see model.ts.

type XmlDiskFields = Pick<Disk, 'name' | 'span' | 'anchor' | 'deviceKind' | 'sourceType' | 'source' | 'format' | 'cache' | 'aio' | 'readonly' | 'shareable' | 'snapshot' | 'discard' | 'detectZeroes' | 'copyOnRead' | 'groups'>;

/**
 * Its fields come in a literal that dies at once, so that literal is never pretenured; their types
 * come from `Disk` (the interface below merges into the class).
 */
interface XmlDisk extends Disk {}
class XmlDisk {
  constructor(f: XmlDiskFields) {
    this.syntax = 'libvirt-xml';
    this.name = f.name;
    this.span = f.span;
    this.anchor = f.anchor;
    this.deviceKind = f.deviceKind;
    this.sourceType = f.sourceType;
    this.source = f.source;
    this.format = f.format;
    this.cache = f.cache;
    this.aio = f.aio;
    // Options of QEMU command lines only.
    this.cacheDirect = null;
    this.cacheNoFlush = null;
    this.cacheWriteback = null;
    this.writeCache = null;
    this.globalWriteCache = null;
    this.nodes = NO_NODES;
    this.readonly = f.readonly;
    this.shareable = f.shareable;
    this.snapshot = f.snapshot;
    this.discard = f.discard;
    this.detectZeroes = f.detectZeroes;
    this.copyOnRead = f.copyOnRead;
    this.groups = f.groups;
  }
}

class XmlGroups {
  constructor(
    public disk: OptionGroup,
    public driver: OptionGroup | undefined,
  ) {}
}

class TagGroup implements OptionGroup {
  readonly form = 'xml';
  declare malformed?: true;
  constructor(
    public kind: string,
    public span: Span,
    public insertAt: number,
    public settings: Setting[],
    public quote: Quote,
  ) {}
}

function group(kind: string, tag: StartTag, quote: Quote): OptionGroup {
  const g = new TagGroup(kind, span(tag.start, tag.end), tag.insertAt, tag.attributes ?? [], quote);
  // A tag cut short by a stray `<` was not read whole: a fix written into it could land anywhere.
  if (!tag.closed) g.malformed = true;
  return g;
}

/** A setting by being there: `<readonly/>` reads as readonly on. */
function flag(name: FlagElement, tag: StartTag): Setting {
  const s = nameSpan(tag);
  return new XmlSetting(name, 'on', s, s);
}

function nameSpan(tag: StartTag): Span {
  return span(tag.start + 1, tag.nameEnd);
}

/** The first attribute named `key`. */
function byKey(settings: readonly Setting[], key: string): Setting | undefined {
  for (const s of settings) if (s.key === key) return s;
  return undefined;
}
