/**
 * `indexOf` for one character that remembers its last answer. The scanner asks "where is the
 * next `<`?" once per attribute value; without memory a long run of attributes with no `<`
 * after them would rescan the same text each time and turn quadratic.
 */
export class ForwardSearch {
  private from = -1;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** Index of the next occurrence at or after `from`, or `text.length` when there is none. */
  next(from: number): number {
    // The last answer holds for any `from` between the last search's start and its answer.
    if (this.from < 0 || from < this.from || from > this.at) {
      const found = this.text.indexOf(this.char, from);
      this.at = found < 0 ? this.text.length : found;
      this.from = from;
    }
    return this.at;
  }
}
