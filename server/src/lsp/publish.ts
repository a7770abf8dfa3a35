/**
 * Sending diagnostics cheaply on every keystroke. A document with thousands of findings makes
 * a message of a megabyte (publishDiagnostics, or a pulled full report); after an edit inside one
 * disk almost all of it is as before. So the diagnostic of a finding the re-analysis kept, at the
 * same range, is the same object as last time, and its JSON, written once, is reused when the
 * message is encoded. When every one is kept, a pulled report can say `unchanged` instead.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { PublishDiagnosticsNotification } from 'vscode-languageserver';
import type { Message } from 'vscode-languageserver/node';
import type { Analysis, EditWindow } from '../../../shared/src/analyze';
import type { Finding } from '../../../shared/src/rules/types';
import type { LineIndex } from '../../../shared/src/text/lineIndex';
import { toDiagnostic } from './diagnostics';

/** The diagnostics of the document published last, by finding: typing happens in one document. */
export class DiagnosticsReuse {
  private uri: string | undefined;
  /** The findings published last, and the diagnostic made for each, at the same index. */
  private findings: readonly Finding[] = [];
  private list: Diagnostic[] = [];
  /** The JSON of each, at the same index, once encoded. */
  private bytes: (Buffer | undefined)[] = [];
  /** The analysis they came from. */
  private serial = -1;
  /** Whether the last `diagnosticsOf` gave, for the same document, the very list it gave before. */
  unchanged = false;

  diagnosticsOf(uri: string, analysis: Analysis): Diagnostic[] {
    const same = uri === this.uri;
    const oldFindings = same ? this.findings : [];
    const before = same ? this.list : [];
    const lines = analysis.lines;
    const findings = analysis.findings;
    // Made by one edit from the analysis published last: a kept finding away from the lines it
    // touched has the range it had, which saves a look at the old range and the line index.
    const edit = same && analysis.edit?.from === this.serial ? analysis.edit : undefined;
    const diagnostics = new Array<Diagnostic>(findings.length);
    const bytes = new Array<Buffer | undefined>(findings.length);
    const beforeBytes = same ? this.bytes : [];
    // Kept findings are the same objects in the same order, the region an edit re-read aside:
    // walking both lists side by side finds them without a lookup per finding. When no kept
    // finding comes soon after a new one, more was removed than the walk looks ahead (or the
    // analysis is a new one): the rest are looked up by object.
    let j = 0;
    let byFinding: Map<Finding, number> | undefined;
    for (let i = 0; i < findings.length; i++) {
      const finding = findings[i];
      let k = byFinding ? (byFinding.get(finding) ?? -1) : indexFrom(oldFindings, finding, j);
      if (k < 0 && !byFinding && !keptSoonAfter(findings, i, oldFindings, j)) {
        byFinding = new Map(oldFindings.map((f, index) => [f, index]));
        k = byFinding.get(finding) ?? -1;
      }
      let old: Diagnostic | undefined;
      if (k >= 0) {
        old = before[k];
        j = k + 1;
      }
      // A kept finding has the same code, severity and message; only its places may have moved.
      if (old !== undefined && ((edit !== undefined && awayFrom(edit, finding)) || samePlaces(lines, finding, old))) {
        diagnostics[i] = old;
        bytes[i] = beforeBytes[k];
        continue;
      }
      const diagnostic = toDiagnostic(uri, analysis, finding, lines.rangeOf(finding.span));
      // A re-read disk's findings are new objects, but mostly say what the old ones said, in the
      // same place in the list: the old object then stays, and with it an `unchanged` report.
      const alike = i < before.length && diagnosticBytes(diagnostic).equals(beforeBytes[i] ?? diagnosticBytes(before[i]));
      diagnostics[i] = alike ? before[i] : diagnostic;
      // Encoded when first sent, if not for the comparison.
      bytes[i] = alike ? beforeBytes[i] : undefined;
    }
    listBytes.set(diagnostics, bytes);
    this.unchanged = same && sameObjects(diagnostics, before);
    this.uri = uri;
    this.findings = findings;
    this.list = diagnostics;
    this.bytes = bytes;
    this.serial = analysis.serial;
    return diagnostics;
  }

  forget(uri: string): void {
    if (uri !== this.uri) return;
    this.uri = undefined;
    this.findings = [];
    this.list = [];
    this.bytes = [];
    this.serial = -1;
  }
}

/** Where `finding` is in `list` at or after `from`, a few places ahead at most: what an edit removed lies between kept findings. */
function indexFrom(list: readonly Finding[], finding: Finding, from: number): number {
  const end = Math.min(list.length, from + LOOK_AHEAD);
  for (let k = from; k < end; k++) if (list[k] === finding) return k;
  return -1;
}

/**
 * Whether one of the findings shortly after `findings[i]` is among those shortly after `old[j]`,
 * or the new list ends first while the old one has no more than the walk looks at.
 */
function keptSoonAfter(findings: readonly Finding[], i: number, old: readonly Finding[], j: number): boolean {
  for (let a = i + 1; a < i + LOOK_AHEAD; a++) {
    if (a >= findings.length) return old.length - j <= LOOK_AHEAD;
    if (indexFrom(old, findings[a], j) >= 0) return true;
  }
  return false;
}

/** More than the findings a disk usually has, so the walk passes over those of a re-read disk. */
const LOOK_AHEAD = 32;

/** Whether the finding and its related places lie where the edit moved no line or column (EditWindow). */
function awayFrom(edit: EditWindow, finding: Finding): boolean {
  if (!outsideWindow(edit, finding.span)) return false;
  for (const r of finding.related) if (!outsideWindow(edit, r.span)) return false;
  return true;
}

function outsideWindow(edit: EditWindow, span: { start: number; end: number }): boolean {
  return span.end <= edit.linesStart || (edit.lineDelta === 0 && span.start >= edit.linesEnd);
}

/** Whether the diagnostic still shows the finding and its related places where they are now. */
function samePlaces(lines: LineIndex, finding: Finding, old: Diagnostic): boolean {
  if (!lines.isRangeOf(finding.span, old.range)) return false;
  const related = old.relatedInformation;
  if ((related?.length ?? 0) !== finding.related.length) return false;
  for (let i = 0; i < finding.related.length; i++) if (!lines.isRangeOf(finding.related[i].span, related![i].location.range)) return false;
  return true;
}

function sameObjects<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** UTF-8 JSON of each diagnostic object sent, after a comma, for as long as the object lives. */
const written = new WeakMap<Diagnostic, Buffer>();

/**
 * The same for the lists DiagnosticsReuse makes, index by index: encoding a kept diagnostic then
 * reads neither the object nor the table above (both cold in the CPU's caches after a keystroke).
 */
const listBytes = new WeakMap<Diagnostic[], (Buffer | undefined)[]>();

function diagnosticBytes(d: Diagnostic): Buffer {
  let bytes = written.get(d);
  if (bytes === undefined) {
    bytes = Buffer.from(`,${JSON.stringify(d)}`, 'utf-8');
    written.set(d, bytes);
  }
  return bytes;
}

/**
 * The diagnostics a message carries, and the message with an empty list in their place: a
 * publishDiagnostics notification, or the answer to a diagnostic pull with a full report.
 */
function diagnosticList(message: Message): { list: Diagnostic[]; hollow: Message } | undefined {
  const m = message as Message & { method?: string; id?: unknown; params?: { diagnostics?: unknown }; result?: { kind?: unknown; items?: unknown } };
  if (m.method === PublishDiagnosticsNotification.method && Array.isArray(m.params?.diagnostics)) {
    return { list: m.params.diagnostics as Diagnostic[], hollow: { ...m, params: { ...m.params, diagnostics: [] } } as Message };
  }
  if (m.id !== undefined && m.result?.kind === 'full' && Array.isArray(m.result.items)) {
    return { list: m.result.items as Diagnostic[], hollow: { ...m, result: { ...m.result, items: [] } } as Message };
  }
  return undefined;
}

const LIST_END = Buffer.from(']}}');

/**
 * A message as the reused pieces of its diagnostic list between a head and a tail, when the list
 * comes last in it (as the server builds both messages); otherwise undefined.
 */
function listPieces(list: Diagnostic[], hollow: Message): Buffer[] | undefined {
  const json = JSON.stringify(hollow);
  if (!json.endsWith('[]}}')) return undefined;
  const pieces: Buffer[] = [Buffer.from(json.slice(0, -3), 'utf-8')];
  const listed = listBytes.get(list);
  // Lists are not changed once made; should one be, its objects are encoded one by one.
  const known = listed?.length === list.length ? listed : undefined;
  for (let i = 0; i < list.length; i++) {
    let bytes = known?.[i];
    if (bytes === undefined) {
      bytes = diagnosticBytes(list[i]);
      if (known) known[i] = bytes;
    }
    // The first one without its comma: a view, not a copy.
    pieces.push(i === 0 ? bytes.subarray(1) : bytes);
  }
  pieces.push(LIST_END);
  return pieces;
}

/**
 * The UTF-8 JSON of a message, the very bytes of JSON.stringify, in pieces that are never
 * modified afterwards: diagnostics mostly of pieces shared with earlier messages.
 */
export function messagePieces(message: Message): Buffer[] {
  const found = diagnosticList(message);
  return (found && listPieces(found.list, found.hollow)) ?? [Buffer.from(JSON.stringify(message), 'utf-8')];
}
