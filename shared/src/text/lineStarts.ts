/**
 * The offsets where a text's lines start, ascending from 0, in chunks of `CHUNK_LINES` lines that
 * the versions of a document share. An edit that keeps the number of lines (typing within a line)
 * copies the chunk it touches and moves the chunks after it by a number; copying all 30,000
 * offsets of a large document per keystroke was 120 KB of memory that lived until V8's next full
 * collection, every ~110 keystrokes once the text itself was no longer copied (`editedText.ts`).
 * An edit that adds or removes a line break builds the chunks anew.
 */
export const CHUNK_LINES = 512;
const CHUNK_SHIFT = 9;

export class LineStarts {
  private constructor(
    /** Chunk c holds lines from c × CHUNK_LINES on; shared between versions, so never modified. */
    private readonly chunks: Uint32Array[],
    /** Added to every entry of chunk c. */
    private readonly shifts: number[],
    readonly length: number,
  ) {}

  static of(starts: ArrayLike<number>): LineStarts {
    const chunks: Uint32Array[] = [];
    const shifts: number[] = [];
    for (let line = 0; line < starts.length; line += CHUNK_LINES) {
      const end = Math.min(starts.length, line + CHUNK_LINES);
      const chunk = new Uint32Array(end - line);
      for (let i = line; i < end; i++) chunk[i - line] = starts[i];
      chunks.push(chunk);
      shifts.push(0);
    }
    return new LineStarts(chunks, shifts, starts.length);
  }

  /** Where `line` starts; `line` is in [0, length). */
  at(line: number): number {
    const c = line >> CHUNK_SHIFT;
    return this.chunks[c][line & (CHUNK_LINES - 1)] + this.shifts[c];
  }

  /** The first line that starts after `offset`; `length` when none does. */
  firstAfter(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** These starts with lines [from, to) replaced by the starts `middle`, and those from `to` on moved by `delta`. */
  replaced(from: number, to: number, middle: number[], delta: number): LineStarts {
    if (middle.length !== to - from) {
      const starts = new Array<number>(this.length - (to - from) + middle.length);
      let n = 0;
      for (let line = 0; line < from; line++) starts[n++] = this.at(line);
      for (const start of middle) starts[n++] = start;
      for (let line = to; line < this.length; line++) starts[n++] = this.at(line) + delta;
      return LineStarts.of(starts);
    }
    const chunks = this.chunks.slice();
    const shifts = this.shifts.slice();
    const copied: number[] = [];
    const own = (c: number): Uint32Array => {
      if (!copied.includes(c)) {
        chunks[c] = chunks[c].slice();
        copied.push(c);
      }
      return chunks[c];
    };
    for (let i = 0; i < middle.length; i++) {
      const c = (from + i) >> CHUNK_SHIFT;
      own(c)[(from + i) & (CHUNK_LINES - 1)] = middle[i] - shifts[c];
    }
    if (delta !== 0 && to < this.length) {
      const c = to >> CHUNK_SHIFT;
      const chunk = own(c);
      for (let i = to & (CHUNK_LINES - 1); i < chunk.length; i++) chunk[i] += delta;
      for (let d = c + 1; d < chunks.length; d++) shifts[d] += delta;
    }
    return new LineStarts(chunks, shifts, this.length);
  }
}
