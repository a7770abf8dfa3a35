/**
 * An open document whose text is kept deflated while nothing reads it. An editor keeps dozens of
 * documents open and works in one or two; a large one's text (613 KB for 2,000 disks) is most of
 * what the server holds for it once its analysis has gone (`analyses.ts` keeps few), and deflated
 * it takes a twentieth of that. The text comes back, exactly, when it is next read.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Smaller texts stay as they are: they cost little, and unpacking them again would cost more. */
export const PACKED_MIN_LENGTH = 64 * 1024;

export class OpenDocument {
  private current: TextDocument | undefined;
  /**
   * The text as UTF-16 code units, deflated: any JavaScript string comes back the same, lone
   * surrogates included (UTF-8 would replace them).
   */
  private packed: Buffer | undefined;
  version: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
  ) {
    this.version = version;
    this.current = TextDocument.create(uri, languageId, version, content);
  }

  get isPacked(): boolean {
    return this.packed !== undefined;
  }

  get lineCount(): number {
    return this.text().lineCount;
  }

  getText(range?: Range): string {
    return this.text().getText(range);
  }

  positionAt(offset: number): Position {
    return this.text().positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.text().offsetAt(position);
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    TextDocument.update(this.text(), changes, version);
    this.version = version;
  }

  /** Deflates the text if it is large; it is read back by the next call that needs it. */
  pack(): void {
    const text = this.current?.getText();
    if (text === undefined || text.length < PACKED_MIN_LENGTH) return;
    this.packed = deflateRawSync(Buffer.from(text, 'utf16le'), { level: 1 });
    this.current = undefined;
  }

  private text(): TextDocument {
    if (!this.current) {
      this.current = TextDocument.create(this.uri, this.languageId, this.version, inflateRawSync(this.packed!).toString('utf16le'));
      this.packed = undefined;
    }
    return this.current;
  }
}
