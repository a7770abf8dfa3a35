import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../model';
import type { TextUnits } from './editedText';
import { LineStarts } from './lineStarts';

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
    const delta = newLength - (end - start);
    const middle: number[] = [];
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) middle.push(i + 1);
    }
    // Old lines starting in (from, to] once moved are read again above; later ones are moved.
    const first = old.firstAfter(from);
    const last = Math.max(first, old.firstAfter(to - delta));
    return new LineIndex(text, old.replaced(first, last, middle, delta));
  }

  constructor(
    private readonly text: TextUnits,
    /** Computed by `edited`; found in the text otherwise. */
    starts?: LineStarts,
  ) {
    this.found = starts;
  }

  private get starts(): LineStarts {
    return (this.found ??= LineStarts.of(lineStarts(this.text.toString())));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts.at(Math.max(0, Math.min(line, this.starts.length - 1)));
  }

  /** End of the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts.at(line + 1);
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.starts.firstAfter(o) - 1;
    return { line, character: o - this.starts.at(line) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts.at(position.line);
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
    if (line < 0 || line >= starts.length || offset !== starts.at(line) + character || character < 0) return false;
    // On that line, or positionAt would name a later one.
    return line + 1 < starts.length ? offset < starts.at(line + 1) : offset <= this.text.length;
  }
}

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
