/** Helpers so that problem ranges never end between the two halves of a surrogate pair (an emoji). */

/** UTF-16 length (1 or 2) of the character at `p`; 1 past the end of the text. */
export function codePointLength(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(p + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
