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
import type { Analysis } from '../../../shared/src/analyze';
import type { Finding } from '../../../shared/src/rules/types';
import type { LineIndex } from '../../../shared/src/text/lineIndex';
import { toDiagnostic } from './diagnostics';

/** The diagnostics of the document published last, by finding: typing happens in one document. */
export class DiagnosticsReuse {
  private uri: string | undefined;
  private byFinding = new Map<Finding, Diagnostic>();
  private list: Diagnostic[] = [];
  /** Whether the last `diagnosticsOf` gave, for the same document, the very list it gave before. */
  unchanged = false;

  diagnosticsOf(uri: string, analysis: Analysis): Diagnostic[] {
    const previous = uri === this.uri ? this.byFinding : undefined;
    const next = new Map<Finding, Diagnostic>();
    const lines = analysis.lines;
    const before = previous ? this.list : [];
    const diagnostics = analysis.findings.map((finding, i) => {
      const old = previous?.get(finding);
      // A kept finding has the same code, severity and message; only its places may have moved.
      let diagnostic = old !== undefined && samePlaces(lines, finding, old) ? old : toDiagnostic(uri, analysis, finding, lines.rangeOf(finding.span));
      // A re-read disk's findings are new objects, but mostly say what the old ones said, in the
      // same place in the list: the old object then stays, and with it an `unchanged` report.
      if (diagnostic !== old && i < before.length && diagnosticBytes(diagnostic).equals(diagnosticBytes(before[i]))) diagnostic = before[i];
      next.set(finding, diagnostic);
      return diagnostic;
    });
    this.unchanged = previous !== undefined && sameObjects(diagnostics, before);
    this.uri = uri;
    this.byFinding = next;
    this.list = diagnostics;
    return diagnostics;
  }

  forget(uri: string): void {
    if (uri !== this.uri) return;
    this.uri = undefined;
    this.byFinding = new Map();
    this.list = [];
  }
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
  for (let i = 0; i < list.length; i++) {
    const bytes = diagnosticBytes(list[i]);
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
