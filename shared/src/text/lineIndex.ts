import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../model';
import type { TextUnits } from './editedText';

/**
 * Offset ↔ LSP position (0-based line, UTF-16 character). JavaScript strings are UTF-16,
 * so a string index already is an LSP character count; only line starts need computing.
 * A line ends at \n, \r\n or a lone \r, as in the LSP specification.
 */
export class LineIndex {
  /** Found on first use: an analysis nobody asks a position of (a clean CLI run) never scans for them. */
  private found: LineStarts | undefined;

  /**
   * The index of `text`, which is `previous`'s text with [start, end) replaced by `newLength`
   * code units: line starts away from the edit are moved, not searched for again.
   */
  static edited(previous: LineIndex, text: TextUnits, start: number, end: number, newLength: number): LineIndex {
    const old = previous.starts;
    // A line start depends on the code unit before it and, after a CR, on the one at it; both
    // are unchanged up to `start - 1` and from `end + 1` on (old offsets).
    const from = Math.max(0, start - 1);
    const to = Math.min(text.length, start + newLength + 1);
    // Typed, and sized once: after each keystroke in a 30,000-line document this is the one copy
    // of the index, and as a growing list it made 360 KB of garbage, in the old generation.
    const starts = new Uint32Array(old.length + (to - from));
    let n = 1;
    let k = 1;
    for (; k < old.length && old[k] <= from; k++) starts[n++] = old[k];
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts[n++] = i + 1;
    }
    const delta = newLength - (end - start);
    for (; k < old.length; k++) if (old[k] + delta > to) starts[n++] = old[k] + delta;
    return new LineIndex(text, starts.subarray(0, n));
  }

  constructor(
    private readonly text: TextUnits,
    /** Computed by `edited`; found in the text otherwise. */
    starts?: LineStarts,
  ) {
    this.found = starts;
  }

  private get starts(): LineStarts {
    return (this.found ??= lineStarts(this.text.toString()));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Whether `range` equals `rangeOf(span)`: found in constant time, and without making a range. */
  isRangeOf(span: Span, range: Range): boolean {
    return this.isPositionOf(span.start, range.start) && this.isPositionOf(span.end, range.end);
  }

  private isPositionOf(offset: number, position: Position): boolean {
    const starts = this.starts;
    const { line, character } = position;
    if (line < 0 || line >= starts.length || offset !== starts[line] + character || character < 0) return false;
    // On that line, or positionAt would name a later one.
    return line + 1 < starts.length ? offset < starts[line + 1] : offset <= this.text.length;
  }
}

/** Offsets where lines start, ascending, the first 0. */
type LineStarts = number[] | Uint32Array;

function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // Common case: no CR at all, so indexOf finds every line start much faster than a char loop.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
