/**
 * The disk model both syntaxes are parsed into. Every value keeps the document span it came
 * from, so diagnostics, hover and fixes point at exactly what the user wrote.
 *
 * What an analysis of XML keeps (its settings, spans, disks, groups, effective flags, related
 * places) is made with `new`, not as object literals. V8 counts, per literal in the code, how
 * many of its objects survive a young-generation collection; when nearly all do, it allocates
 * that literal's objects in the old generation from then on ("allocation-site pretenuring"), and
 * never does so for objects made by `new`. A disk model lives through its analysis, so its
 * literals qualified once the young generation had grown to its limit; an analysis dropped soon
 * after (the CLI's files, a keystroke's analysis replaced by the next) then left dead old objects
 * that held their young parts alive through every young collection, which copied and promoted
 * them: a 2,000-disk analysis cost 11.9 ms a call instead of 6.5–7.6 (docs/PERFORMANCE.md).
 */

/** Half-open range of UTF-16 code-unit offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

class OffsetSpan implements Span {
  constructor(
    public start: number,
    public end: number,
  ) {}
}

/** A span an analysis keeps (made with `new`, see above). */
export function span(start: number, end: number): Span {
  return new OffsetSpan(start, end);
}

/** How a setting is written, which decides how a fix must spell a new value. */
export type SettingForm = 'xml' | 'keyval' | 'json';

/** One option or attribute as written. */
export interface Setting {
  /**
   * Key relative to its group, dotted for nested keys: `cache`, `io`, `aio`, `cache.direct`,
   * `file.aio`, `write-cache`. For XML elements without a value (`<readonly/>`) the element name.
   */
  key: string;
  /** Decoded value (entities resolved, quotes and `,,` escapes removed). JSON booleans are `true`/`false`. */
  value: string;
  /** The value as written: inside the quotes for XML; the bare value for key=value; the whole JSON token (quotes included) for JSON. */
  span: Span;
  /** The key (attribute name, option key, JSON key with quotes, or the element name). */
  keySpan: Span;
  form: SettingForm;
  /**
   * key=value only: written as a bare key, QEMU's short form of `key=on` (`nokey`: `key=off`).
   * The text at `span` is then the key, so a new value is written as `key=value` over it.
   */
  bare?: true;
  /** For JSON: the kind of the value token. */
  jsonType?: 'string' | 'boolean' | 'number' | 'null' | 'object' | 'array';
  /** QEMU in a shell script: the value holds a shell expansion (`$CACHE`), so what QEMU gets is not known. */
  expanded?: true;
}

/**
 * A place settings live in and new ones can be added to: an XML start tag, the value of a
 * `-drive`/`-blockdev`/`-device` option, or a JSON object.
 */
export interface OptionGroup {
  form: SettingForm;
  /** `driver`, `disk` (XML element names), `-drive`, `-blockdev`, `-device`, or `json-object`. */
  kind: string;
  span: Span;
  /** Offset where a new setting can be inserted (XML: after the last attribute; key=value: end of the value; JSON: just before `}`). */
  insertAt: number;
  settings: Setting[];
  /** Nested JSON objects by dotted key (`cache` → the `"cache":{…}` object), so a fix can add `direct` into it. */
  children?: Record<string, OptionGroup>;
  /** For XML: the quote character the element's attributes use, so inserted attributes match. */
  quote?: '"' | "'";
  /** The group's text could not be read whole (bad JSON, an XML tag cut short): no fix may write into it. */
  malformed?: boolean;
}

/** One block node of a QEMU node chain (`-blockdev`, a `-drive`, or an inline child such as `file.*`). */
export interface BlockNode {
  /** `driver` option: `qcow2`, `raw`, `file`, `host_device`, `throttle`, `rbd`, … (null when implied). */
  driver: Setting | null;
  nodeName: Setting | null;
  /** The group holding this node's own options (cache.direct, cache.no-flush, aio, filename, …). */
  group: OptionGroup;
  /** Prefix of this node's keys inside its group, e.g. `file.` for `-drive …,file.aio=native`; empty otherwise. */
  prefix: string;
  /** The option that defined this node (-blockdev/-drive value span). */
  span: Span;
}

export type Syntax = 'libvirt-xml' | 'qemu-cmdline';

export interface Disk {
  syntax: Syntax;
  /** Target dev (`vda`), or the QEMU device id / drive id / node-name. */
  name: string;
  /** The whole `<disk>` element, or the option that makes the guest drive (the `-device`, else the `-drive`). */
  span: Span;
  /** A short span to anchor whole-disk findings and code lenses: the `<disk` tag name or the option word. */
  anchor: Span;
  /** `disk`, `cdrom`, `floppy`, `lun` (XML `device=`, `-drive media=cdrom`, `ide-cd`/`scsi-cd` devices). */
  deviceKind: string;
  /** XML `type=`, or for QEMU from the protocol driver: `file`, `block` (host_device), `network` (rbd, nbd, iscsi, …). */
  sourceType: string | null;
  /** Path, device node, or network name. */
  source: Setting | null;
  /** Image format (`<driver type=>`, `format=`, or the format node's driver). */
  format: Setting | null;
  /** The legacy cache-mode word: XML `cache=` or `-drive cache=`. */
  cache: Setting | null;
  /** `io=` (XML) or the `aio` that reaches the protocol node (QEMU). */
  aio: Setting | null;
  /** Explicit `-drive cache.direct=` / `cache.no-flush=` / `cache.writeback=` on the drive itself. */
  cacheDirect: Setting | null;
  cacheNoFlush: Setting | null;
  cacheWriteback: Setting | null;
  /** `-device …,write-cache=on|off|auto`. */
  writeCache: Setting | null;
  /** QEMU only: the `-global` write-cache that reaches the disk's device type (its own `writeCache` beats it). */
  globalWriteCache: Setting | null;
  /** QEMU only: root node first, the protocol node that opens the image last. Empty for XML. */
  nodes: readonly BlockNode[];
  /** `<readonly/>`, `readonly=on`, `read-only=true`, `media=cdrom` implies it too (see deviceKind). */
  readonly: Setting | null;
  shareable: Setting | null;
  /** `-drive snapshot=on`, the global `-snapshot`, or XML `<transient/>`. */
  snapshot: Setting | null;
  discard: Setting | null;
  detectZeroes: Setting | null;
  copyOnRead: Setting | null;
  /** Where fixes insert: XML `<driver>` start tag (absent → `disk` group); QEMU `-drive`/`-device` groups. */
  groups: {
    /** XML `<disk …>` start tag. */
    disk?: OptionGroup;
    /** XML `<driver …/>`, or the QEMU `-drive` value. */
    driver?: OptionGroup;
    /** QEMU `-device` value. */
    device?: OptionGroup;
  };
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem of the text itself (half-typed tag, bad JSON, unknown drive id). */
export interface SyntaxProblem {
  span: Span;
  message: string;
  severity: Severity;
  /** XML: a problem of the element structure (an element left open, a stray end tag), not of one tag's attributes. */
  structural?: true;
}

/** A comment the suppression pragmas are read from. */
export interface Comment {
  span: Span;
  /** The comment's text without its delimiters. */
  text: string;
}

export interface ParsedDocument {
  disks: Disk[];
  problems: SyntaxProblem[];
  comments: Comment[];
}
