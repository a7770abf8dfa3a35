/** Character classes of the XML scanner, by UTF-16 code unit. */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const SLASH = 47;
export const LT = 60;
export const EQ = 61;
export const GT = 62;
export const BANG = 33;
export const QUESTION = 63;

export function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/** Letters, `_`, `:` and anything outside ASCII (XML allows most of it in names). */
export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 128;
}

/** Characters that end a name; everything else is taken as part of it, so a typo stays one token. */
const NAME_END = new Uint8Array(128);
for (const c of [TAB, LF, CR, SPACE, DQUOTE, SQUOTE, SLASH, LT, EQ, GT]) NAME_END[c] = 1;

/** Offset just after the name that starts at `p`. */
export function nameEndAt(text: string, p: number): number {
  const len = text.length;
  while (p < len) {
    const c = text.charCodeAt(p);
    if (c < 128 && NAME_END[c] === 1) break;
    p++;
  }
  return p;
}

export function skipSpace(text: string, p: number): number {
  while (p < text.length && isSpace(text.charCodeAt(p))) p++;
  return p;
}

/** Start of the run of whitespace that ends at `end` (so spans do not end in blank lines). */
export function trimSpaceBefore(text: string, end: number, floor: number): number {
  while (end > floor && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}
