/**
 * Moving the offsets of what lies after an edit (`reanalyzeEdit`), each span once although spans
 * are shared: a syntax finding points at its problem's span, a setting sits in its group and in
 * the disk, two disks of a `<qemu:commandline>` may hold one node. Findings and their fixes hold
 * copies of their disk's spans, so XML disks can move later than their findings (DiskOffsets).
 */
import type { Disk, OptionGroup, Setting, Span } from './model';
import { FindingWithLazyFixes } from './rules/lazyFixes';
import type { Finding } from './rules/types';

/**
 * Findings, comments and problems are walked twice: the first walk moves each span and marks it
 * done by negating its start, the second clears the marks (a Set of visited spans costs more than
 * the rest of the re-analysis). A disk's own spans are moved in one loop over the list `placesOf`
 * keeps for it, after the findings, skipping the spans they marked.
 */
export class OffsetShifter {
  private marking = true;

  constructor(private readonly delta: number) {}

  /** Runs `walk` (calls of the methods below, disks last) twice: moving and marking, then unmarking. */
  shift(walk: (shifter: OffsetShifter) => void): void {
    this.marking = true;
    walk(this);
    this.marking = false;
    walk(this);
  }

  span(s: Span): void {
    if (this.marking) {
      if (s.start < 0) return;
      s.start = -(s.start + this.delta) - 1;
      s.end += this.delta;
    } else if (s.start < 0) s.start = -s.start - 1;
  }

  finding(f: Finding): void {
    this.span(f.span);
    for (const r of f.related) this.span(r.span);
    // Fixes not built yet hold no offsets: they will be built from the moved disk.
    const fixes = f instanceof FindingWithLazyFixes ? f.builtFixes : f.fixes;
    if (fixes) for (const fix of fixes) for (const e of fix.edits) this.span(e.span);
  }

  /**
   * Must come after every comment and problem that may share a span with the disks (findings no
   * longer do). XML disks share nothing; disks of a `<qemu:commandline>` may (two format nodes over
   * one file node): their spans and groups are gathered first, so that each moves once.
   */
  disks(list: readonly { disk: Disk }[]): void {
    if (!this.marking) return;
    let shared: Places | undefined;
    for (const { disk } of list) {
      const places = placesOf(disk);
      if (disk.syntax === 'libvirt-xml') this.move(places.spans, places.groups);
      else {
        shared ??= { spans: [], groups: [] };
        shared.spans.push(...places.spans);
        shared.groups.push(...places.groups);
      }
    }
    if (shared) this.move(new Set(shared.spans), new Set(shared.groups));
  }

  private move(spans: Iterable<Span>, groups: Iterable<OptionGroup>): void {
    move(spans, groups, this.delta);
  }
}

/** Moves every span of an XML disk, which shares none with another disk or a finding (see DiskOffsets). */
export function moveDisk(disk: Disk, delta: number): void {
  const { spans, groups } = placesOf(disk);
  move(spans, groups, delta);
}

/** Spans marked by a walk (negative start) were moved by it already. */
function move(spans: Iterable<Span>, groups: Iterable<OptionGroup>, delta: number): void {
  for (const s of spans) {
    if (s.start < 0) continue;
    s.start += delta;
    s.end += delta;
  }
  for (const g of groups) g.insertAt += delta;
}

interface Places {
  spans: Span[];
  groups: OptionGroup[];
}

/**
 * Every span and option group of a disk, once each. A disk's model never changes but for its
 * offsets, so they are found once, on the disk's first move, and kept while the disk lives: a
 * keystroke moves a thousand disks, and walking each disk's model twice (moving and marking,
 * then unmarking) was a third of the server's time per keystroke.
 */
const placesOfDisk = new WeakMap<Disk, Places>();

function placesOf(d: Disk): Places {
  const known = placesOfDisk.get(d);
  if (known) return known;
  const spans = new Set<Span>([d.span, d.anchor]);
  const groups = new Set<OptionGroup>();
  const setting = (s: Setting | null | undefined) => {
    if (!s) return;
    spans.add(s.span);
    spans.add(s.keySpan);
  };
  const group = (g: OptionGroup | undefined) => {
    if (!g || groups.has(g)) return;
    groups.add(g);
    spans.add(g.span);
    for (const s of g.settings) setting(s);
    if (g.children) for (const key in g.children) group(g.children[key]);
  };
  for (const s of [d.source, d.format, d.cache, d.aio, d.cacheDirect, d.cacheNoFlush, d.cacheWriteback, d.writeCache, d.globalWriteCache, d.readonly, d.shareable, d.snapshot, d.discard, d.detectZeroes, d.copyOnRead]) setting(s);
  group(d.groups.disk);
  group(d.groups.driver);
  group(d.groups.device);
  for (const n of d.nodes) {
    setting(n.driver);
    setting(n.nodeName);
    group(n.group);
    spans.add(n.span);
  }
  const places = { spans: [...spans], groups: [...groups] };
  placesOfDisk.set(d, places);
  return places;
}
