/**
 * text → parse → disk model → effective flags → rules → findings. The one pipeline behind the
 * server, the CLI and the `dist/core.js` library.
 */
import { effectiveCache, type EffectiveCache } from './effectiveCache';
import { DiskOffsets } from './diskOffsets';
import { span, type Comment, type Disk, type OptionGroup, type ParsedDocument, type Severity, type Span, type Syntax, type SyntaxProblem } from './model';
import { parseDomainXml } from './parse/xml';
import { disksFromQemuArgs, parseQemuCmdline } from './parse/qemu';
import { RULES, SYNTAX_CODE } from './rules';
import { FindingWithLazyFixes } from './rules/lazyFixes';
import { NO_FIXES, NO_RELATED } from './rules/none';
import type { DocumentText, Finding, StorageFacts } from './rules/types';
import { withDefaults, type Settings } from './settings';
import { readSuppressions } from './suppressions';
import type { TextUnits } from './text/editedText';
import { LineIndex } from './text/lineIndex';

export type LanguageId = 'xml' | 'qemu-cmdline' | 'shellscript';

export interface AnalyzeOptions {
  uri?: string;
  languageId: LanguageId | string;
  settings?: Partial<Settings>;
  /** Probe results by the disk's source path, when the host has them. */
  storage?: (disk: Disk) => StorageFacts | undefined;
}

export interface AnalyzedDisk {
  disk: Disk;
  effective: EffectiveCache;
}

// What an analysis keeps is made with `new`, not as literals: see model.ts.
class DiskWithFlags implements AnalyzedDisk {
  constructor(
    public disk: Disk,
    public effective: EffectiveCache,
  ) {}
}

export function analyzedDisk(disk: Disk): AnalyzedDisk {
  return new DiskWithFlags(disk, effectiveCache(disk));
}

class RelatedPlace {
  constructor(
    public span: Span,
    public message: string,
  ) {}
}

export interface Analysis {
  /** `none` for XML that is not a domain, disk snippet or the like: nothing to say about it. */
  kind: Syntax | 'none';
  /** The text read, as one string: after `reanalyzeEdit`, joined from `units` when first read. */
  readonly text: string;
  /** The text read as the analysis reads it: a string, or after `reanalyzeEdit` an edited text. */
  units: TextUnits;
  /** Holds the text for the fixes still to be built; `reanalyzeEdit` moves it on to the edited text. */
  document: AnalysedText;
  lines: LineIndex;
  /** The disks with their offsets in the current text (read through `offsets`, which may write moves into them first). */
  readonly disks: AnalyzedDisk[];
  /** The disks and the moves of their offsets not yet written; `reanalyzeEdit` moves it on to its disks. */
  readonly offsets: DiskOffsets;
  /** Tells analyses apart, for `edit.from`. */
  readonly serial: number;
  /** Made by `reanalyzeEdit` from analysis `edit.from`: where the lines the edit touched lie. */
  readonly edit?: EditWindow;
  findings: Finding[];
  /** What the parser read besides disks; `reanalyzeEdit` re-reads these around an edit. */
  comments: Comment[];
  problems: SyntaxProblem[];
}

/**
 * The lines an edit touched, in offsets of the new text: a place wholly before `linesStart` has
 * the line and column it had; one at or after `linesEnd` too, when no line was added or removed.
 * A finding kept across the edit keeps its diagnostic's range there without a look at the lines.
 */
export interface EditWindow {
  from: number;
  linesStart: number;
  linesEnd: number;
  lineDelta: number;
}

/** The document's text as fixes read it: an edited text is joined only when a fix is built. */
export class AnalysedText implements DocumentText {
  constructor(private units: TextUnits) {}

  get text(): string {
    return this.units.toString();
  }

  moveTo(units: TextUnits): void {
    this.units = units;
  }
}

/** Larger documents get one finding instead of an analysis, so no editor waits on them. */
export const MAX_ANALYSED_LENGTH = 8 * 1024 * 1024;

export function analyzeText(text: string, options: AnalyzeOptions): Analysis {
  const lines = new LineIndex(text);
  const unreadable = unreadableFinding(text, lines);
  const document = new AnalysedText(text);
  if (unreadable) return assemble({ kind: 'none', units: text, document, lines, findings: [unreadable], comments: [], problems: [] }, new DiskOffsets([]));
  const checker = new RuleRunner(document, options);
  const disks: AnalyzedDisk[] = [];
  const offsets = new DiskOffsets(disks);
  const ruleFindings: Finding[] = [];
  // Two QEMU disks over one node (in a launch script or a <qemu:commandline>) yield the same
  // finding twice; XML disks share nothing.
  const seen = new Set<string>();
  // Each disk is checked as soon as it is read, while its objects are still in the CPU's caches
  // (and not yet moved by the garbage collector): checking them all after the parse made the
  // median analysis of a 2,000-disk domain 11–13 ms instead of 9.4–10 ms (bench/inProcess.mjs).
  const malformed: OptionGroup[] = [];
  const check = (disk: Disk) => {
    const analysed = analyzedDisk(disk);
    disks.push(analysed);
    checker.check(analysed, ruleFindings, seen, offsets, disks.length - 1);
    collectMalformedGroups(disk, malformed);
  };
  const { kind, parsed } = parse(text, options.languageId, check);
  if (kind === 'none') return assemble({ kind, units: text, document, lines, findings: [], comments: [], problems: [] }, new DiskOffsets([]));
  const suppressions = readSuppressions(parsed.comments, lines);
  // Syntax findings first, as a stable sort keeps them ahead of rule findings at the same place.
  const findings = syntaxFindings(parsed.problems).concat(ruleFindings);
  const outranked = parsed.problems.length > 0 ? outrankingRuleStarts(ruleFindings) : null;
  const kept = outranked || suppressions
    ? findings.filter(
        (f) => !(f.code === SYNTAX_CODE && isOutranked(f, outranked)) && !suppressions?.isSuppressed(f.code, lines.positionAt(f.span.start).line),
      )
    : findings;
  dropFixesIntoMalformedText(kept, malformed);
  // Nearly sorted already: disks come in document order and each disk's findings are sorted.
  kept.sort(byPosition);
  return assemble({ kind, units: text, document, lines, findings: shortenMessages(kept), comments: parsed.comments, problems: parsed.problems }, offsets);
}

let serials = 0;

/**
 * The analysis, its `disks` read through `offsets` (after `reanalyzeEdit`, also by who holds an
 * older analysis), with a serial number and the edit that made it, if one did.
 */
export function assemble(analysis: Omit<Analysis, 'text' | 'disks' | 'offsets' | 'serial' | 'edit'>, offsets: DiskOffsets, edit?: EditWindow): Analysis {
  return Object.defineProperties(analysis as Analysis, {
    offsets: { value: offsets, enumerable: false },
    serial: { value: ++serials, enumerable: false },
    edit: { value: edit, enumerable: false },
    text: JOINED_TEXT,
    disks: SETTLED_DISKS,
  });
}

/*
 * One getter of each for every analysis. A getter made per analysis (a closure over its offsets
 * or its text) gave each analysis a hidden class of its own, which V8 keeps in the old generation:
 * until the next full collection, that dead class held the closure, and through it the whole disk
 * model, alive in every young-generation collection, which copied the model and then promoted it.
 * Alone, a 2,000-disk analysis cost 14.1-14.2 ms a call with such a getter, 7.9-8.9 ms without
 * (bench/measure.mjs compareBlocks); 20 keystrokes in a 200-disk domain, each followed by a young
 * collection, left 13.5 MB in the old generation instead of 2.2 MB.
 */
const JOINED_TEXT: PropertyDescriptor = {
  get(this: Analysis): string {
    const units = this.units;
    return typeof units === 'string' ? units : units.toString();
  },
  enumerable: true,
};

const SETTLED_DISKS: PropertyDescriptor = {
  get(this: Analysis): AnalyzedDisk[] {
    return this.offsets.settled;
  },
  enumerable: true,
};

const copySpan = (s: Span): Span => span(s.start, s.end);

export const byPosition = (a: Finding, b: Finding): number => a.span.start - b.span.start || a.span.end - b.span.end;

/** Too large, or binary: one finding instead of an analysis. */
function unreadableFinding(text: string, lines: LineIndex): Finding | undefined {
  if (text.length > MAX_ANALYSED_LENGTH) {
    return {
      code: SYNTAX_CODE, severity: 'warning', related: NO_RELATED, fixes: NO_FIXES,
      message: `This document is too large to analyse (${(text.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_ANALYSED_LENGTH / 1048576} MiB).`,
      span: { start: 0, end: Math.min(lines.lineEnd(0), 1) },
    };
  }
  const nul = text.indexOf('\0');
  if (nul < 0) return undefined;
  // No libvirt XML or shell text holds a NUL: this is a binary file, or UTF-16 read as UTF-8.
  // Reading on would turn binary noise into phantom disks.
  return {
    code: SYNTAX_CODE, severity: 'error', related: NO_RELATED, fixes: NO_FIXES,
    message: 'NUL character: this is not a text file (binary, or UTF-16 read as UTF-8), or it is damaged here. libvirt and QEMU would not read it; nothing is analysed.',
    span: { start: nul, end: nul + 1 },
  };
}

/** Every enabled rule on one disk, with the configured severities. */
export class RuleRunner {
  private readonly settings: Settings;
  private readonly rules: typeof RULES;

  constructor(
    private readonly document: DocumentText,
    private readonly options: AnalyzeOptions,
  ) {
    this.settings = withDefaults(options.settings);
    this.rules = RULES.filter((r) => this.settings.rules[r.code] !== 'off');
  }

  /**
   * Appends the disk's findings to `into`, in order of position among themselves. The disk is
   * number `index` of `offsets`, which settles it before its fixes are built. A finding holds
   * copies of the disk's spans: it moves with every edit, the disk only when next read.
   */
  check({ disk, effective }: AnalyzedDisk, into: Finding[], seen: Set<string> | null, offsets: DiskOffsets, index: number): void {
    const from = into.length;
    const settings = this.settings;
    const ctx = { document: this.document, settings, effective, storage: this.options.storage?.(disk) };
    const once = disk.syntax === 'libvirt-xml' ? null : seen;
    for (const rule of this.rules) {
      for (const f of rule.check(disk, ctx)) {
        if (once) {
          const key = `${rule.code}@${f.span.start}:${f.span.end}`;
          if (once.has(key)) continue;
          once.add(key);
        }
        // Rules set to `off` were filtered out above.
        const severity = (settings.rules[rule.code] as Severity | undefined) ?? f.severity ?? rule.defaultSeverity;
        const related = f.related && f.related.length > 0 ? f.related.map((r) => new RelatedPlace(copySpan(r.span), r.message)) : NO_RELATED;
        into.push(new FindingWithLazyFixes(rule.code, severity, f.message, copySpan(f.span), related, f.fixes, offsets, index));
      }
    }
    // A handful at most: an insertion sort, stable like Array.prototype.sort.
    for (let i = from + 1; i < into.length; i++) {
      const f = into[i];
      let j = i;
      for (; j > from && byPosition(into[j - 1], f) > 0; j--) into[j] = into[j - 1];
      into[j] = f;
    }
  }
}

/** Beyond this many syntax problems the text is not a configuration being typed: say so once. */
export const MAX_SYNTAX_FINDINGS = 100;
const MAX_MESSAGE_LENGTH = 600;

export function syntaxFindings(problems: readonly SyntaxProblem[]): Finding[] {
  const shown = problems.slice(0, MAX_SYNTAX_FINDINGS).map((p): Finding => ({ code: SYNTAX_CODE, severity: p.severity, message: p.message, span: p.span, related: NO_RELATED, fixes: NO_FIXES }));
  if (problems.length > MAX_SYNTAX_FINDINGS) {
    const last = problems[MAX_SYNTAX_FINDINGS];
    shown.push({
      code: SYNTAX_CODE, severity: 'error', related: NO_RELATED, fixes: NO_FIXES, span: last.span,
      message: `${problems.length - MAX_SYNTAX_FINDINGS} more syntax problems from here on are not listed: is this the right file?`,
    });
  }
  return shown;
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/**
 * Where a rule and the parser flag the same text (`cache=` with no value), the rule's finding says
 * more and carries fixes: the parser's is dropped. Only for a rule finding at least as severe: a
 * disk-wide note at the option word (no cache mode, say) must not hide the error that the
 * -blockdev there has no driver. The highest rank of the rule findings at each start.
 */
export function outrankingRuleStarts(rules: readonly Finding[]): Map<number, number> {
  const ranks = new Map<number, number>();
  for (const f of rules) ranks.set(f.span.start, Math.max(ranks.get(f.span.start) ?? 0, RANK[f.severity]));
  return ranks;
}

export function isOutranked(problem: Finding, ranks: ReadonlyMap<number, number> | null): boolean {
  const rank = ranks?.get(problem.span.start);
  return rank !== undefined && rank >= RANK[problem.severity];
}

/** Rule findings are not capped: each names a real disk. Only their length is. */
export function shortenMessages(findings: Finding[]): Finding[] {
  for (const f of findings) {
    // A message quotes what was written; a 200 KB value must not make a 200 KB message.
    if (f.message.length > MAX_MESSAGE_LENGTH) f.message = `${f.message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
  }
  return findings;
}

/** Adds the disk's option groups the parser could not read whole to `into` (almost never any), and returns it. */
export function collectMalformedGroups(disk: Disk, into: OptionGroup[]): OptionGroup[] {
  noteMalformed(disk.groups.disk, into);
  noteMalformed(disk.groups.driver, into);
  noteMalformed(disk.groups.device, into);
  for (const n of disk.nodes) noteMalformed(n.group, into);
  return into;
}

function noteMalformed(group: OptionGroup | undefined, into: OptionGroup[]): void {
  // Two devices may share a -blockdev, and so its group.
  if (group?.malformed && !into.includes(group)) into.push(group);
}

/** A fix that writes into text the parser could not read whole (bad JSON, a cut-short tag) could only make it worse. */
export function dropFixesIntoMalformedText(findings: Finding[], malformed: readonly OptionGroup[]): void {
  if (malformed.length === 0) return;
  // A group's insertion point may lie past its span (a JSON value cut short by a quote): it counts as inside.
  const inside = (start: number, end: number) => malformed.some((g) => start >= g.span.start && end <= Math.max(g.span.end, g.insertAt));
  for (const f of findings) f.fixes = f.fixes.filter((fix) => !fix.edits.some((e) => inside(e.span.start, e.span.end)));
}

/** Parses the text, handing each disk to `check` in document order. */
function parse(text: string, languageId: string, check: (disk: Disk) => void): { kind: Syntax | 'none'; parsed: ParsedDocument } {
  if (languageId === 'xml') {
    // Disks are checked before the document is known to be a domain: that changes nothing in
    // their findings, only whether they are kept.
    const xml = parseDomainXml(text, check);
    if (!xml.isDomain) return { kind: 'none', parsed: xml };
    // <qemu:commandline> arguments are a QEMU command line inside the XML.
    const disks = [...xml.disks];
    for (const args of xml.qemuArgs) {
      for (const disk of disksFromQemuArgs(args, xml.problems)) {
        disks.push(disk);
        check(disk);
      }
    }
    return { kind: 'libvirt-xml', parsed: { disks, problems: xml.problems, comments: xml.comments } };
  }
  if (languageId === 'qemu-cmdline' || languageId === 'shellscript') {
    const parsed = parseQemuCmdline(text, { shellScript: languageId === 'shellscript' });
    for (const disk of parsed.disks) check(disk);
    return { kind: 'qemu-cmdline', parsed };
  }
  return { kind: 'none', parsed: { disks: [], problems: [], comments: [] } };
}
