/**
 * A text after edits, kept as pieces of the strings it was made from instead of one new string.
 * JavaScript strings are immutable: replacing one character of a 613 KB document makes a new
 * 613 KB string, and on every keystroke that string was most of the server's garbage and what
 * made V8 collect its old generation every few dozen keystrokes (docs/PERFORMANCE.md). An edit
 * here costs a few small arrays; the pieces are joined into one string only when something reads
 * the whole text, or when there are more than `MAX_PIECES`.
 */

/** A text as the analysis reads it: a string, or an `EditedText` not yet joined. */
export type TextUnits = string | EditedText;

/** Beyond this many pieces an edit joins them: reading a code unit costs a search among them. */
export const MAX_PIECES = 64;

/** Typed text next to typed text is merged into one piece while it stays this short. */
const MERGED_INSERT_LENGTH = 256;

export class EditedText {
  /** The text once joined; then it is the only piece. */
  private joined: string | undefined;

  private constructor(
    /** Piece i is `strings[i]` from `from[i]`, and starts at `at[i]` in this text. */
    private readonly strings: string[],
    private readonly from: number[],
    private readonly at: number[],
    readonly length: number,
  ) {}

  /** `text` with [start, end) replaced by `inserted`. */
  static edit(text: TextUnits, start: number, end: number, inserted: string): EditedText {
    const base = typeof text === 'string' ? new EditedText([text], [0], [0], text.length) : text;
    return base.edited(start, end, inserted);
  }

  edited(start: number, end: number, inserted: string): EditedText {
    if (this.joined !== undefined) return EditedText.edit(this.joined, start, end, inserted);
    const pieces = new PieceList();
    const { strings, from, at } = this;
    for (let i = 0; i < strings.length; i++) {
      const pieceEnd = this.pieceEnd(i);
      if (at[i] >= start) break;
      pieces.add(strings[i], from[i], from[i] + Math.min(pieceEnd, start) - at[i]);
    }
    pieces.add(inserted, 0, inserted.length);
    for (let i = 0; i < strings.length; i++) {
      const pieceEnd = this.pieceEnd(i);
      if (pieceEnd <= end) continue;
      const cut = Math.max(at[i], end);
      pieces.add(strings[i], from[i] + cut - at[i], from[i] + pieceEnd - at[i]);
    }
    const edited = new EditedText(pieces.strings, pieces.from, pieces.at, pieces.length);
    if (pieces.strings.length > MAX_PIECES) edited.toString();
    return edited;
  }

  charCodeAt(index: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(index);
    if (!(index >= 0 && index < this.length)) return NaN;
    const i = this.pieceAt(index);
    return this.strings[i].charCodeAt(this.from[i] + index - this.at[i]);
  }

  /** The code units in [start, end), both within the text and `start <= end`. */
  slice(start: number, end: number): string {
    if (this.joined !== undefined) return this.joined.slice(start, end);
    let out = '';
    for (let i = start < this.length ? this.pieceAt(start) : this.strings.length; i < this.strings.length && this.at[i] < end; i++) {
      const a = Math.max(start, this.at[i]);
      const b = Math.min(end, this.pieceEnd(i));
      out += this.strings[i].slice(this.from[i] + a - this.at[i], this.from[i] + b - this.at[i]);
    }
    return out;
  }

  /** The whole text as one string, joined once. */
  toString(): string {
    if (this.joined === undefined) {
      const parts: string[] = [];
      for (let i = 0; i < this.strings.length; i++) parts.push(this.strings[i].slice(this.from[i], this.from[i] + this.pieceEnd(i) - this.at[i]));
      // join makes one flat string, which every later read indexes directly.
      this.joined = parts.join('');
      this.strings.length = 0;
    }
    return this.joined;
  }

  private pieceEnd(i: number): number {
    return i + 1 < this.at.length ? this.at[i + 1] : this.length;
  }

  /** The piece holding `index`: the last one starting at or before it. */
  private pieceAt(index: number): number {
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Pieces in text order, empty ones left out and neighbours that continue each other merged. */
class PieceList {
  strings: string[] = [];
  from: number[] = [];
  at: number[] = [];
  length = 0;
  /** End of the last piece in its string. */
  private lastEnd = 0;

  add(string: string, from: number, to: number): void {
    if (to <= from) return;
    const last = this.strings.length - 1;
    if (last >= 0) {
      const previous = this.strings[last];
      if (previous === string && this.lastEnd === from) {
        // An insertion typed and deleted again leaves its two neighbours as one piece.
        this.lastEnd = to;
        this.length += to - from;
        return;
      }
      const previousLength = this.lastEnd - this.from[last];
      if (previousLength + (to - from) <= MERGED_INSERT_LENGTH) {
        // Characters typed one by one become one short string, not a piece each.
        this.strings[last] = previous.slice(this.from[last], this.lastEnd) + string.slice(from, to);
        this.from[last] = 0;
        this.lastEnd = this.strings[last].length;
        this.length += to - from;
        return;
      }
    }
    this.strings.push(string);
    this.from.push(from);
    this.at.push(this.length);
    this.lastEnd = to;
    this.length += to - from;
  }
}
