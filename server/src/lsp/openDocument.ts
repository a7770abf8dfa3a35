/**
 * An open document, as vscode-languageserver-textdocument's `TextDocument` keeps one (the same
 * positions, offsets and edits), but cheaper to edit and to keep:
 * - an edit makes no new copy of the text (`EditedText`): on a 613 KB document that copy was most
 *   of the garbage of a keystroke;
 * - while nothing reads it, a large text is kept deflated. An editor keeps dozens of documents
 *   open and works in one or two; a large one's text is most of what the server holds for it once
 *   its analysis has gone (`analyses.ts` keeps few), and deflated it takes a twentieth of that.
 *   The text comes back, exactly, when it is next read.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextChange } from '../../../shared/src/incremental';
import { EditedText, type TextUnits } from '../../../shared/src/text/editedText';
import { LineIndex } from '../../../shared/src/text/lineIndex';

/** Smaller texts stay as they are: they cost little, and unpacking them again would cost more. */
export const PACKED_MIN_LENGTH = 64 * 1024;

interface Text {
  units: TextUnits;
  lines: LineIndex;
}

export class OpenDocument {
  private current: Text | undefined;
  /**
   * The text as UTF-16 code units, deflated: any JavaScript string comes back the same, lone
   * surrogates included (UTF-8 would replace them).
   */
  private packed: Buffer | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.current = { units: content, lines: new LineIndex(content) };
  }

  get isPacked(): boolean {
    return this.packed !== undefined;
  }

  /** The text as the analysis reads it; an edited text is joined only by those who need a string. */
  get units(): TextUnits {
    return this.text().units;
  }

  /** The line index of `units`, which an analysis of them can share. */
  get lines(): LineIndex {
    return this.text().lines;
  }

  get lineCount(): number {
    return this.text().lines.lineCount;
  }

  getText(range?: Range): string {
    const { units } = this.text();
    if (!range) return units.toString();
    // As String.prototype.substring: a range given end first reads the same text.
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return units.slice(Math.min(a, b), Math.max(a, b));
  }

  positionAt(offset: number): Position {
    const { units, lines } = this.text();
    const position = lines.positionAt(offset);
    // As TextDocument: an offset between the CR and the LF of a line break is taken as before both.
    if (position.character > 0 && units.charCodeAt(lines.lineStart(position.line) + position.character - 1) === CR) position.character--;
    return position;
  }

  offsetAt(position: Position): number {
    return this.text().lines.offsetAt(position);
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) this.apply(change);
    this.version = version;
  }

  /** Applies one change; says which offsets of the text before it it replaced, unless it replaced the whole text. */
  apply(change: TextDocumentContentChangeEvent): TextChange | undefined {
    if (!('range' in change)) {
      this.current = { units: change.text, lines: new LineIndex(change.text) };
      this.packed = undefined;
      return undefined;
    }
    // As TextDocument: a range given end first is the same range.
    const a = this.offsetAt(change.range.start);
    const b = this.offsetAt(change.range.end);
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    const before = this.text();
    const units = EditedText.edit(before.units, start, end, change.text);
    this.current = { units, lines: LineIndex.edited(before.lines, units, start, end, change.text.length) };
    return { start, end, newLength: change.text.length };
  }

  /** Deflates the text if it is large; it is read back by the next call that needs it. */
  pack(): void {
    if (!this.current || this.current.units.length < PACKED_MIN_LENGTH) return;
    this.packed = deflateRawSync(Buffer.from(this.current.units.toString(), 'utf16le'), { level: 1 });
    this.current = undefined;
  }

  private text(): Text {
    if (!this.current) {
      const content = inflateRawSync(this.packed!).toString('utf16le');
      this.current = { units: content, lines: new LineIndex(content) };
      this.packed = undefined;
    }
    return this.current;
  }
}

const CR = 13;
