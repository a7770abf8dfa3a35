/**
 * Publishing diagnostics cheaply on every keystroke. A document with thousands of findings makes
 * a publishDiagnostics message of a megabyte; after an edit inside one disk almost all of it is
 * as before. So the diagnostic of a finding the re-analysis kept, at the same range, is the same
 * object as last time, and its JSON, written once, is reused when the message is encoded.
 */
import type { Diagnostic, Range } from 'vscode-languageserver';
import { PublishDiagnosticsNotification } from 'vscode-languageserver';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';
import type { Analysis } from '../../../shared/src/analyze';
import type { Finding } from '../../../shared/src/rules/types';
import { toDiagnostic } from './diagnostics';

/** The diagnostics of the document published last, by finding: typing happens in one document. */
export class DiagnosticsReuse {
  private uri: string | undefined;
  private byFinding = new Map<Finding, Diagnostic>();

  diagnosticsOf(uri: string, analysis: Analysis): Diagnostic[] {
    const previous = uri === this.uri ? this.byFinding : undefined;
    const next = new Map<Finding, Diagnostic>();
    const diagnostics = analysis.findings.map((finding) => {
      const range = analysis.lines.rangeOf(finding.span);
      const old = previous?.get(finding);
      // A kept finding has the same code, severity and message; only its places may have moved.
      const same =
        old !== undefined &&
        sameRange(old.range, range) &&
        finding.related.every((r, i) => {
          const was = old.relatedInformation?.[i]?.location.range;
          return was !== undefined && sameRange(was, analysis.lines.rangeOf(r.span));
        });
      const diagnostic = same ? old : toDiagnostic(uri, analysis, finding, range);
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

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** UTF-8 JSON of each diagnostic object sent, for as long as the object lives. */
const written = new WeakMap<Diagnostic, Buffer>();

function diagnosticBytes(d: Diagnostic): Buffer {
  let bytes = written.get(d);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(d), 'utf-8');
    written.set(d, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

/** A publishDiagnostics message, its list copied together from the reused pieces. */
function publishBytes(message: Message & { method: string; params: { diagnostics: Diagnostic[] } }): Buffer {
  const { diagnostics, ...rest } = message.params;
  // `{…,"diagnostics":[]}`, cut before the empty list.
  const params = JSON.stringify({ ...rest, diagnostics: [] });
  const head = `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":${JSON.stringify(message.method)},"params":${params.slice(0, -3)}[`;
  const pieces: Buffer[] = [Buffer.from(head, 'utf-8')];
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) pieces.push(COMMA);
    pieces.push(diagnosticBytes(diagnostics[i]));
  }
  pieces.push(Buffer.from(']}}'));
  return Buffer.concat(pieces);
}

function isPublish(message: Message): message is Message & { method: string; params: { diagnostics: Diagnostic[] } } {
  const m = message as Message & { method?: string; params?: { diagnostics?: unknown } };
  return m.method === PublishDiagnosticsNotification.method && Array.isArray(m.params?.diagnostics);
}

/** The JSON encoder of the server's messages: the same bytes as vscode-jsonrpc's, written faster for diagnostics. */
export const messageEncoder = {
  name: 'application/json',
  encode: (message: Message, options: ContentTypeEncoderOptions) => {
    try {
      const utf8 = options.charset === 'utf-8';
      return Promise.resolve(utf8 && isPublish(message) ? publishBytes(message) : Buffer.from(JSON.stringify(message), options.charset));
    } catch (e) {
      return Promise.reject(e);
    }
  },
} satisfies ContentTypeEncoder;
