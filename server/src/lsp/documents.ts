/**
 * The open documents, and for each the stretch of text changed since it was last analysed, so an
 * edit inside one `<disk>` re-reads that disk only (`shared/src/incremental.ts`).
 */
import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../../../shared/src/incremental';

/** Everything changed: the document was opened, or a client sent its full text. */
export const WHOLE = 'whole';

export class OpenDocuments extends TextDocuments<TextDocument> {
  /** Per document: since `take` was last called, one change covering all edits, in the offsets of the text then. */
  private readonly changed = new Map<string, TextChange | typeof WHOLE>();

  constructor() {
    super({
      create: (uri, languageId, version, content) => {
        this.changed.set(uri, WHOLE);
        return TextDocument.create(uri, languageId, version, content);
      },
      update: (doc, changes, version) => {
        // Applied one by one: each change's range refers to the text the previous one left.
        for (const change of changes) {
          this.record(doc, change);
          TextDocument.update(doc, [change], version);
        }
        return TextDocument.update(doc, [], version);
      },
    });
    this.onDidClose((e) => this.changed.delete(e.document.uri));
  }

  /**
   * What changed since the last call for this document, and forget it: the caller is about to
   * analyse the current text. Undefined when nothing did; WHOLE when no single change says it.
   */
  take(uri: string): TextChange | typeof WHOLE | undefined {
    const change = this.changed.get(uri);
    this.changed.delete(uri);
    return change;
  }

  private record(doc: TextDocument, event: TextDocumentContentChangeEvent): void {
    const before = this.changed.get(doc.uri);
    if (before === WHOLE || !('range' in event)) {
      this.changed.set(doc.uri, WHOLE);
      return;
    }
    // TextDocument.update takes a range given end first as the same range.
    const a = doc.offsetAt(event.range.start);
    const b = doc.offsetAt(event.range.end);
    const change = { start: Math.min(a, b), end: Math.max(a, b), newLength: event.text.length };
    this.changed.set(doc.uri, before ? union(before, change) : change);
  }
}

/**
 * One change covering `first` (on the original text) and then `next` (on the text `first` left),
 * in offsets of the original text.
 */
export function union(first: TextChange, next: TextChange): TextChange {
  const firstEndNow = first.start + first.newLength;
  const start = Math.min(first.start, next.start);
  const endNow = Math.max(firstEndNow, next.end);
  const end = endNow === firstEndNow ? first.end : next.end - (first.newLength - (first.end - first.start));
  const newLength = endNow + next.newLength - (next.end - next.start) - start;
  return { start, end, newLength };
}
