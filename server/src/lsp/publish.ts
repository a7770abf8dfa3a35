/**
 * Publishing diagnostics cheaply on every keystroke. A document with thousands of findings makes
 * a publishDiagnostics message of a megabyte; after an edit inside one disk almost all of it is
 * as before. So the diagnostic of a finding the re-analysis kept, at the same range, is the same
 * object as last time, and its JSON, written once, is reused when the message is encoded.
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

  diagnosticsOf(uri: string, analysis: Analysis): Diagnostic[] {
    const previous = uri === this.uri ? this.byFinding : undefined;
    const next = new Map<Finding, Diagnostic>();
    const lines = analysis.lines;
    const diagnostics = analysis.findings.map((finding) => {
      const old = previous?.get(finding);
      // A kept finding has the same code, severity and message; only its places may have moved.
      const diagnostic = old !== undefined && samePlaces(lines, finding, old) ? old : toDiagnostic(uri, analysis, finding, lines.rangeOf(finding.span));
      next.set(finding, diagnostic);
      return diagnostic;
    });
    this.uri = uri;
    this.byFinding = next;
    return diagnostics;
  }

  forget(uri: string): void {
    if (uri !== this.uri) return;
    this.uri = undefined;
    this.byFinding = new Map();
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

const LIST_END = Buffer.from(']}}');

/** A publishDiagnostics message as the reused pieces of its list between a head and a tail. */
function publishPieces(message: Message & { method: string; params: { diagnostics: Diagnostic[] } }): Buffer[] {
  const { diagnostics, ...rest } = message.params;
  // `{…,"diagnostics":[]}`, cut before the empty list.
  const params = JSON.stringify({ ...rest, diagnostics: [] });
  const head = `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":${JSON.stringify(message.method)},"params":${params.slice(0, -3)}[`;
  const pieces: Buffer[] = [Buffer.from(head, 'utf-8')];
  for (let i = 0; i < diagnostics.length; i++) {
    const bytes = diagnosticBytes(diagnostics[i]);
    // The first one without its comma: a view, not a copy.
    pieces.push(i === 0 ? bytes.subarray(1) : bytes);
  }
  pieces.push(LIST_END);
  return pieces;
}

function isPublish(message: Message): message is Message & { method: string; params: { diagnostics: Diagnostic[] } } {
  const m = message as Message & { method?: string; params?: { diagnostics?: unknown } };
  return m.method === PublishDiagnosticsNotification.method && Array.isArray(m.params?.diagnostics);
}

/**
 * The UTF-8 JSON of a message, the very bytes of JSON.stringify, in pieces that are never
 * modified afterwards: a publishDiagnostics mostly of pieces it shares with earlier ones.
 */
export function messagePieces(message: Message): Buffer[] {
  return isPublish(message) ? publishPieces(message) : [Buffer.from(JSON.stringify(message), 'utf-8')];
}
