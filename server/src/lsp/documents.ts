/**
 * The open documents, and for each the stretch of text changed since it was last analysed, so an
 * edit inside one `<disk>` re-reads that disk only (`shared/src/incremental.ts`).
 */
import { TextDocuments } from 'vscode-languageserver';
import type { TextChange } from '../../../shared/src/incremental';
import { OpenDocument } from './openDocument';

/** Everything changed: the document was opened, or a client sent its full text. */
export const WHOLE = 'whole';

export class OpenDocuments extends TextDocuments<OpenDocument> {
  /** Per document: since `take` was last called, one change covering all edits, in the offsets of the text then. */
  private readonly changed = new Map<string, TextChange | typeof WHOLE>();

  constructor() {
    super({
      create: (uri, languageId, version, content) => {
        this.changed.set(uri, WHOLE);
        return new OpenDocument(uri, languageId, version, content);
      },
      update: (doc, changes, version) => {
        // Applied one by one: each change's range refers to the text the previous one left.
        for (const change of changes) this.record(doc.uri, doc.apply(change));
        // Also when there were none; setting it reads no text, which may be packed.
        doc.version = version;
        return doc;
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

  /**
   * Deflates the texts of the documents not in use (see openDocument.ts), one per turn of the
   * event loop: 2,000 disks take about 5 ms, so a message that arrives meanwhile waits no longer.
   */
  async pack(inUse: (uri: string) => boolean): Promise<void> {
    for (const doc of this.all()) {
      if (this.get(doc.uri) === doc && !inUse(doc.uri)) doc.pack();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** `change`: what one change replaced, in offsets of the text before it; undefined for the whole text. */
  private record(uri: string, change: TextChange | undefined): void {
    const before = this.changed.get(uri);
    if (before === WHOLE || !change) {
      this.changed.set(uri, WHOLE);
      return;
    }
    this.changed.set(uri, before ? union(before, change) : change);
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
