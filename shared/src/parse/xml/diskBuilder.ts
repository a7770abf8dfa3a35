/**
 * One `<disk>` element turned into the disk model. Only the disk's own children count: the
 * `<source>`/`<format>` inside `<backingStore>` or `<mirror>` describe other images.
 */
import type { Disk, OptionGroup, Setting, Span } from '../../model';
import type { Quote, StartTag } from './startTag';

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
  private readonly flags: Partial<Record<FlagElement, Setting>> = {};

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
    else if (DISK_FLAG_ELEMENTS.has(name)) {
      const span = nameSpan(tag);
      this.flags[name as FlagElement] ??= { key: name, value: 'on', span, keySpan: span, form: 'xml' };
    }
  }

  build(end: number): Disk {
    const diskAttr = (key: string) => find(this.diskGroup.settings, key);
    const driverAttr = (key: string) => (this.driverGroup ? find(this.driverGroup.settings, key) : null);
    const sourceType = diskAttr('type')?.value ?? 'file';
    const dev = this.target?.find((a) => a.key === 'dev');
    return {
      syntax: 'libvirt-xml',
      name: dev ? dev.value : `disk-${this.ordinal}`,
      span: { start: this.start, end },
      anchor: this.anchor,
      deviceKind: diskAttr('device')?.value ?? 'disk',
      sourceType,
      source: this.sourceSetting(sourceType),
      format: driverAttr('type'),
      cache: driverAttr('cache'),
      aio: driverAttr('io'),
      cacheDirect: null,
      cacheNoFlush: null,
      cacheWriteback: null,
      writeCache: null,
      nodes: [],
      readonly: this.flags.readonly ?? null,
      shareable: this.flags.shareable ?? null,
      snapshot: this.flags.transient ?? null,
      discard: driverAttr('discard'),
      detectZeroes: driverAttr('detect_zeroes'),
      copyOnRead: driverAttr('copy_on_read'),
      groups: this.driverGroup ? { disk: this.diskGroup, driver: this.driverGroup } : { disk: this.diskGroup },
    };
  }

  private sourceSetting(sourceType: string): Setting | null {
    if (!this.source) return null;
    const preferred = SOURCE_ATTRIBUTE.get(sourceType);
    const source = this.source;
    const byKey = (key: string) => source.find((a) => a.key === key);
    return (preferred && byKey(preferred)) || SOURCE_FALLBACK.map(byKey).find((a) => a !== undefined) || null;
  }
}

function group(kind: string, tag: StartTag, quote: Quote): OptionGroup {
  return {
    form: 'xml',
    kind,
    span: { start: tag.start, end: tag.end },
    insertAt: tag.insertAt,
    settings: tag.attributes ?? [],
    quote,
    // A tag cut short by a stray `<` was not read whole: a fix written into it could land anywhere.
    ...(tag.closed ? {} : { malformed: true }),
  };
}

function nameSpan(tag: StartTag): Span {
  return { start: tag.start + 1, end: tag.nameEnd };
}

function find(settings: readonly Setting[], key: string): Setting | null {
  return settings.find((s) => s.key === key) ?? null;
}
