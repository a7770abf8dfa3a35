import type { Span } from '../../model';
import type { ShellWord } from './shellWords';

/**
 * Collects the decoded characters of one shell word. A word that is one contiguous run of the
 * document (the usual case, quoted or not) stays verbatim and needs no offset map; the map is
 * built only once quotes, escapes or continuations make decoded and raw text diverge.
 */
export class WordBuilder {
  private runStart = -1;
  private runEnd = -1;
  private parts: string[] | null = null;
  private map: number[] | null = null;
  private ends: number[] = [];
  /** Raw end of the last decoded character (excludes closing quotes and trailing continuations). */
  private lastEnd = -1;
  /** Where an empty word's text sits, e.g. between the quotes of `''`. */
  private emptyAt = -1;

  constructor(private readonly doc: string) {}

  /** Marks where an empty quoted string stands, so `''` maps inside its quotes. */
  noteEmptyAt(offset: number): void {
    if (this.emptyAt < 0) this.emptyAt = offset;
  }

  /** Appends document characters `[from, to)` unchanged. */
  appendRun(from: number, to: number): void {
    if (to <= from) return;
    if (this.map === null) {
      if (this.runStart < 0) {
        this.runStart = from;
        this.runEnd = to;
        this.lastEnd = to;
        return;
      }
      if (from === this.runEnd) {
        this.runEnd = to;
        this.lastEnd = to;
        return;
      }
      this.materialise();
    }
    this.parts!.push(this.doc.slice(from, to));
    for (let k = from; k < to; k++) {
      this.map!.push(k);
      this.ends.push(k + 1);
    }
    this.lastEnd = to;
  }

  /** Appends one decoded character written as `rawWidth` document characters at `at` (an escape). */
  appendDecoded(ch: string, at: number, rawWidth: number): void {
    if (this.map === null) this.materialise();
    this.parts!.push(ch);
    this.map!.push(at);
    this.ends.push(at + rawWidth);
    this.lastEnd = at + rawWidth;
  }

  /** The word; `span` is its raw extent, quotes included. One object shape for every word keeps this fast. */
  finish(span: Span, assignment: boolean): ShellWord {
    if (this.map === null) {
      const empty = this.runStart < 0;
      const start = empty ? (this.emptyAt >= 0 ? this.emptyAt : span.start) : this.runStart;
      const text = empty ? '' : this.doc.slice(this.runStart, this.runEnd);
      return { text, start, map: undefined, ends: undefined, span, assignment };
    }
    const map = this.map;
    map.push(this.lastEnd);
    return { text: this.parts!.join(''), start: map[0], map, ends: this.ends, span, assignment };
  }

  private materialise(): void {
    this.parts = [];
    this.map = [];
    if (this.runStart >= 0) {
      this.parts.push(this.doc.slice(this.runStart, this.runEnd));
      for (let k = this.runStart; k < this.runEnd; k++) {
        this.map.push(k);
        this.ends.push(k + 1);
      }
    }
  }
}
