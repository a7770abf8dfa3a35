/**
 * Short strings of one document, each spelling made once. A domain XML repeats the same tag
 * names, attribute names and values (`driver`, `type`, `qcow2`, `none`) on every disk; slicing
 * each anew would make tens of thousands of equal strings for the garbage collector, and every
 * later lookup by such a key would hash it again.
 */

/** Longer strings are sliced as usual (V8 shares their characters with the text anyway). */
const MAX_SHARED = 16;
/** Slots of the table, a power of two; a slot holds the last string that hashed to it. */
const SLOTS = 1024;

export class NameTable {
  /** Empty strings rather than holes, so the array stays one of strings. */
  private readonly slots: string[] = new Array<string>(SLOTS).fill('');

  constructor(private readonly text: string) {}

  /** `text.slice(start, end)`, the same string object each time the same short spelling comes. */
  get(start: number, end: number): string {
    const text = this.text;
    const length = end - start;
    if (length > MAX_SHARED || length <= 0) return text.slice(start, end);
    // The length and three characters tell the spellings of a document apart well enough; a
    // collision only costs a slice, as the slot's string is compared whole before it is used.
    const h = Math.imul(Math.imul(Math.imul(length, 31) + text.charCodeAt(start), 31) + text.charCodeAt(end - 1), 31) + text.charCodeAt(start + (length >> 1));
    const slot = (h ^ (h >>> 10)) & (SLOTS - 1);
    const known = this.slots[slot];
    if (known.length === length && text.startsWith(known, start)) return known;
    const made = text.slice(start, end);
    this.slots[slot] = made;
    return made;
  }
}
