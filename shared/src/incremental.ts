/**
 * Re-analysis of libvirt XML after an edit, re-reading only the `<disk>` element the edit falls
 * in, or the stretch between two disks. Both begin and end in element content with the scanner's
 * stack as it was, so reading them alone gives what a full read would: a region that reads as
 * exactly one clean disk (or as nothing the model holds) replaces the old one, and the rest of
 * the analysis is kept, its offsets moved by the edit's length. Anything less certain — a
 * syntax problem in or near the region, a pragma comment, a disk named by its ordinal — returns
 * undefined and the caller analyses the whole text.
 */
import { analyzedDisk, byPosition, assemble, collectMalformedGroups, isOutranked, outrankingRuleStarts, dropFixesIntoMalformedText, MAX_ANALYSED_LENGTH, MAX_SYNTAX_FINDINGS, RuleRunner, shortenMessages, syntaxFindings, type Analysis, type AnalyzeOptions, type EditWindow } from './analyze';
import type { Comment, Span } from './model';
import { parseDomainXml, type ParsedDomainXml } from './parse/xml';
import type { Edit, Finding } from './rules/types';
import { readSuppressions } from './suppressions';
import type { TextUnits } from './text/editedText';
import { LineIndex } from './text/lineIndex';
import { OffsetShifter } from './offsetShifter';

/** One replacement, in offsets of the text the previous analysis read. */
export interface TextChange {
  start: number;
  end: number;
  /** Length of the text that replaced [start, end). */
  newLength: number;
}

/** A stretch of the old text that reads the same alone as within the document. */
interface Region {
  start: number;
  end: number;
  /** Index in `analysis.disks` of the disk it is, or -1 for the stretch between two disks. */
  disk: number;
  /** Index of the first XML disk after it; XML disks end at `xmlCount`. */
  firstAfter: number;
  xmlCount: number;
  /** End of the XML disk before the region and start of the one after it (-1 when there is none). */
  previousEnd: number;
  nextStart: number;
}

/** The region holding the change, if it is one of the two kinds described above. */
function regionOf(analysis: Analysis, change: TextChange): Region | undefined {
  if (analysis.kind !== 'libvirt-xml') return undefined;
  // XML disks come first, in document order; disks from <qemu:commandline> follow. Their offsets
  // are read through `offsets`, which knows the moves not yet written into them.
  const offsets = analysis.offsets;
  const count = offsets.xmlCount;
  // The last XML disk starting before the change.
  let lo = 0;
  let hi = count - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offsets.start(mid) < change.start) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const startOf = (i: number) => (i < count ? offsets.start(i) : -1);
  if (k >= 0 && change.end < offsets.end(k)) {
    // Strictly inside: the `<` opening the disk and the `>` closing it stay as they were.
    const previousEnd = k > 0 ? offsets.end(k - 1) : -1;
    return { start: offsets.start(k), end: offsets.end(k), disk: k, firstAfter: k + 1, xmlCount: count, previousEnd, nextStart: startOf(k + 1) };
  }
  // Between disk k and disk k + 1; before the first or after the last, the stack differs.
  if (k < 0 || k + 1 >= count) return undefined;
  const start = offsets.end(k);
  const end = offsets.start(k + 1);
  return change.start >= start && change.end <= end ? { start, end, disk: -1, firstAfter: k + 1, xmlCount: count, previousEnd: start, nextStart: end } : undefined;
}

const PRAGMA_MARK = 'vmdisk-disable';

/**
 * Whether the old region can be replaced by a re-read: no pragma comment in it, and no problem,
 * except, inside a disk, problems of single tags (a half-typed attribute), which the re-read
 * finds again or not.
 */
function oldRegionIsPlain(analysis: Analysis, region: Region, tagProblemsAllowed: boolean): boolean {
  const inside = (s: Span) => s.start < region.end && s.end > region.start;
  if (analysis.problems.some((p) => inside(p.span) && (p.structural || !tagProblemsAllowed))) return false;
  return !analysis.comments.some((c) => inside(c.span) && c.text.includes(PRAGMA_MARK));
}

/** The new region read alone, when it reads as the same kind of thing, cleanly. */
function readRegion(text: TextUnits, region: Region, delta: number): ParsedDomainXml | undefined {
  const regionText = detachedSlice(text, region.start, region.end + delta);
  // <qemu:commandline> is recognised through a namespace declared outside the region.
  // The old text held no NUL (or it would not have been analysed); the new one may, here only.
  if (regionText.includes('commandline') || regionText.includes('\0')) return undefined;
  const read = parseDomainXml(regionText);
  if (read.qemuArgs.length > 0 || read.problems.length > MAX_SYNTAX_FINDINGS) return undefined;
  // A disk's own tags may be half-typed; its structure, and anything between disks, must read cleanly.
  if (read.problems.some((p) => p.structural) || (region.disk < 0 && read.problems.length > 0)) return undefined;
  if (read.comments.some((c) => c.text.includes(PRAGMA_MARK))) return undefined;
  if (region.disk < 0) return read.disks.length === 0 ? read : undefined;
  if (read.disks.length !== 1) return undefined;
  const disk = read.disks[0];
  // A disk without <target dev=> is named by its place in the document, which a region cannot know.
  if (disk.span.start !== 0 || disk.span.end !== regionText.length || disk.name === 'disk-1') return undefined;
  return read;
}

/**
 * The analysis of `text`, which is the previous analysis's text with `change` applied; undefined
 * when only a full analysis can tell. The previous analysis is taken apart: do not use it after.
 * `textLines`: the line index of `text`, when the caller keeps one (the server's open document).
 */
export function reanalyzeEdit(previous: Analysis, change: TextChange, text: TextUnits, options: AnalyzeOptions, textLines?: LineIndex): Analysis | undefined {
  if (text.length > MAX_ANALYSED_LENGTH) return undefined;
  // Read code unit by code unit, so that an edited text is not joined into one string for it.
  const old = previous.units;
  const delta = change.newLength - (change.end - change.start);
  if (text.length !== old.length + delta) return undefined;
  const region = regionOf(previous, change);
  if (!region || !oldRegionIsPlain(previous, region, region.disk >= 0)) return undefined;
  // A fix reads the lines its disk starts and ends on (indentation, whole-line removal) and
  // whether the document uses CRLF: the edit must leave those of the other disks alone.
  if (region.previousEnd >= 0 && !hasLineBreak(old, region.previousEnd, change.start)) return undefined;
  if (region.nextStart >= 0 && !hasLineBreak(old, change.end, region.nextStart)) return undefined;
  if (mayChangeCrlf(old, change, text) && old.toString().includes('\r\n') !== text.toString().includes('\r\n')) return undefined;
  const read = readRegion(text, region, delta);
  if (!read) return undefined;
  const keptProblems = outside(previous.problems, region);
  // New problems are placed among the others as a full read would only in an otherwise clean document.
  if (read.problems.length > 0 && keptProblems.items.length > 0) return undefined;
  const lines = textLines ?? LineIndex.edited(previous.lines, text, change.start, change.end, change.newLength);
  const hasPragmas = previous.comments.some((c) => c.text.includes(PRAGMA_MARK));
  // A pragma names lines: when lines move, which findings it silences may change.
  if (hasPragmas && lines.lineCount !== previous.lines.lineCount) return undefined;

  // Sort everything into before and after the region first: a syntax finding shares its span with
  // its problem, so a span moved for one would otherwise be taken for one after the region.
  // The region's disk, if any, is replaced in place below. XML disks after it move when next read
  // (DiskOffsets); those of a <qemu:commandline>, few and possibly sharing nodes, move now.
  const offsets = previous.offsets;
  const disks = offsets.unsettled.slice();
  const qemuDisksAfter = disks.slice(region.xmlCount).filter((d) => d.disk.span.start >= region.end);
  const findings = outside(previous.findings, region);
  const keptComments = outside(previous.comments, region);

  // From here on the previous analysis is taken apart: its fixes still to be built will read the new text.
  const document = previous.document;
  document.moveTo(text);
  // Disks last in both walks: their spans move unmarked, skipping those a finding already moved.
  new OffsetShifter(delta).shift((shift) => {
    for (let i = findings.firstAfter; i < findings.items.length; i++) shift.finding(findings.items[i]);
    for (let i = keptComments.firstAfter; i < keptComments.items.length; i++) shift.span(keptComments.items[i].span);
    for (let i = keptProblems.firstAfter; i < keptProblems.items.length; i++) shift.span(keptProblems.items[i].span);
    shift.disks(qemuDisksAfter);
  });
  offsets.defer(region.firstAfter, region.xmlCount, delta);
  new OffsetShifter(region.start).shift((shift) => {
    for (const c of read.comments) shift.span(c.span);
    for (const p of read.problems) shift.span(p.span);
    shift.disks(read.disks.map((disk) => ({ disk })));
  });
  const comments = read.comments.length === 0 ? keptComments.items : [...keptComments.items, ...read.comments].sort((a, b) => a.span.start - b.span.start);

  const analysed = region.disk >= 0 ? analyzedDisk(read.disks[0]) : undefined;
  if (analysed) disks[region.disk] = analysed;
  // Before the rules run: a fix they build at once settles its disk through `offsets`.
  offsets.moveTo(disks, region.disk);
  if (analysed) {
    const rules: Finding[] = [];
    new RuleRunner(document, options).check(analysed, rules, null, offsets, region.disk);
    // As in a full analysis: a rule's finding replaces the parser's at the same place.
    const outranked = outrankingRuleStarts(rules);
    const fresh = [...syntaxFindings(read.problems).filter((f) => !isOutranked(f, outranked)), ...rules];
    const suppressions = readSuppressions(comments, lines);
    const kept = suppressions ? fresh.filter((f) => !suppressions.isSuppressed(f.code, lines.positionAt(f.span.start).line)) : fresh;
    dropFixesIntoMalformedText(kept, collectMalformedGroups(analysed.disk, []));
    // The region's findings go between those before it and those after it: sorting the whole
    // list again would read every finding, cold in the CPU's caches, to find that out.
    findings.items.splice(findings.firstAfter, 0, ...shortenMessages(kept).sort(byPosition));
  }
  const problems = read.problems.length > 0 ? read.problems : keptProblems.items;
  const analysis = {
    kind: previous.kind,
    units: text,
    document,
    lines,
    findings: findings.items,
    comments,
    problems,
  };
  return assemble(analysis, offsets, editWindow(previous, change, lines));
}

/** The lines of the new text the change touched (see EditWindow). */
function editWindow(previous: Analysis, change: TextChange, lines: LineIndex): EditWindow {
  const first = lines.positionAt(change.start).line;
  const last = lines.positionAt(change.start + change.newLength).line;
  return {
    from: previous.serial,
    linesStart: lines.lineStart(first),
    linesEnd: last + 1 < lines.lineCount ? lines.lineStart(last + 1) : Number.POSITIVE_INFINITY,
    lineDelta: lines.lineCount - previous.lines.lineCount,
  };
}

/**
 * The items of a list in document order that lie wholly before the region or wholly after it, and
 * the index of the first after it (those before all come first). One array of the list's size:
 * filtering twice into growing arrays was a third of the re-analysis's time, in garbage.
 */
function outside<T extends { span: Span }>(list: T[], region: Region): { items: T[]; firstAfter: number } {
  const items = new Array<T>(list.length);
  let n = 0;
  let firstAfter = -1;
  for (let i = 0; i < list.length; i++) {
    const span = list[i].span;
    if (span.start >= region.end) {
      if (firstAfter < 0) firstAfter = n;
      items[n++] = list[i];
    } else if (span.end <= region.start) items[n++] = list[i];
  }
  items.length = n;
  return { items, firstAfter: firstAfter < 0 ? n : firstAfter };
}

/** The region an edit falls in, read again with the edit applied. */
export interface RegionAfterEdit {
  /** The disks of the region are those of the analysis, offsets aside; false also when it no longer reads cleanly. */
  sameDisks: boolean;
  /** The region's comments, and its lines, in offsets of the region's new text. */
  comments: Comment[];
  lines: LineIndex;
  /** Where the region starts in the document (before the edit, which lies after it). */
  start: number;
}

/**
 * What an edit does to the region it falls in, leaving the analysis as it is: a cheap check that
 * a comment written there is read as a comment and changes nothing else. Undefined when no region
 * can tell (before the first disk, after the last, or where the text already had problems).
 */
export function regionAfterEdit(analysis: Analysis, edit: Edit): RegionAfterEdit | undefined {
  const change = { start: edit.span.start, end: edit.span.end, newLength: edit.newText.length };
  const region = regionOf(analysis, change);
  if (!region || !oldRegionIsPlain(analysis, region, false)) return undefined;
  const old = analysis.text;
  const regionText = old.slice(region.start, change.start) + edit.newText + old.slice(change.end, region.end);
  if (regionText.includes('commandline')) return undefined;
  const read = parseDomainXml(regionText);
  const lines = new LineIndex(regionText);
  const clean = read.problems.length === 0 && read.qemuArgs.length === 0;
  if (region.disk < 0) return { sameDisks: clean && read.disks.length === 0, comments: read.comments, lines, start: region.start };
  if (read.disks.length === 1 && read.disks[0].name === 'disk-1') return undefined;
  const sameDisks = clean && read.disks.length === 1 && sameModel(read.disks[0], analysis.offsets.unsettled[region.disk].disk);
  return { sameDisks, comments: read.comments, lines, start: region.start };
}

/** Deep equality of two disk models, offsets ignored. */
function sameModel(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'start' || key === 'end' || key === 'insertAt') continue;
    if (!sameModel((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a slice a view into its parent, and
 * the values the parser slices from it would keep this version of the whole document alive for
 * as long as the disk is kept: one more copy of the document per keystroke.
 */
function detachedSlice(text: TextUnits, start: number, end: number): string {
  // Concatenation copies into a new flat string when it is first read; slicing that one keeps only it.
  return ` ${text.slice(start, end)}`.slice(1);
}

/** Whether the edit could make or break a CR LF pair: only with a line break in it or beside it. */
function mayChangeCrlf(old: TextUnits, change: TextChange, text: TextUnits): boolean {
  return (
    hasLineBreak(old, change.start - 1, change.end + 1) || hasLineBreak(text, change.start, change.start + change.newLength)
  );
}

function hasLineBreak(text: TextUnits, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(to, text.length); i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

