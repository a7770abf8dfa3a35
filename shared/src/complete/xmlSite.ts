/**
 * Where the cursor is inside an XML start tag: typing an attribute name, or inside a value.
 * Scans back to the nearest `<` and reads the tag up to the cursor; `<` cannot occur inside
 * XML attribute values, so that `<` starts the tag the cursor is in, if any.
 */
import type { CompletionSite } from './site';
import { qemuSiteAt } from './qemuSite';

/** Tags longer than this are not scanned (completion must stay cheap on any document). */
const WINDOW = 8192;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const NAME_END = /[\s=/>"'<]/;

export function xmlSiteAt(text: string, offset: number): CompletionSite | undefined {
  const lt = text.lastIndexOf('<', offset - 1);
  if (lt < 0 || offset - lt > WINDOW || insideComment(text, offset)) return undefined;
  let i = lt + 1;
  const nameStart = i;
  while (i < text.length && !NAME_END.test(text[i])) i++;
  const element = text.slice(nameStart, i);
  if (element === '' || offset <= i || /^[!?/]/.test(element)) return undefined;
  const present = attributeNames(text, i);
  let quote: '"' | "'" = "'";
  for (;;) {
    while (i < offset && isSpace(text[i])) i++;
    if (i >= offset) return attributeSite(text, element, offset, offset, present, quote);
    const c = text[i];
    if (c === '>') return undefined;
    if (c === '/') {
      i++;
      continue;
    }
    const attrStart = i;
    while (i < text.length && !NAME_END.test(text[i])) i++;
    if (offset <= i) return attributeSite(text, element, attrStart, offset, present, quote);
    // A stray quote, `<` or other whitespace (VT, FF, NBSP) starts no name: step over it so the scan always advances.
    if (i === attrStart) {
      i++;
      continue;
    }
    const name = text.slice(attrStart, i);
    while (i < offset && isSpace(text[i])) i++;
    if (text[i] !== '=') continue;
    i++;
    while (i < offset && isSpace(text[i])) i++;
    if (i >= offset) return { kind: 'value', form: 'xml', element, key: name, span: { start: offset, end: offset }, quote };
    const q = text[i];
    if (q !== '"' && q !== "'") return undefined;
    quote = q;
    const valueStart = i + 1;
    const close = text.indexOf(q, valueStart);
    if (close === -1 || close >= offset) {
      // A line break before the cursor means a half-typed value further up, not this one.
      if (/[\r\n]/.test(text.slice(valueStart, offset))) return undefined;
      if (element === 'qemu:arg' && name === 'value') return qemuSiteAt(text, offset, valueStart);
      return { kind: 'value', form: 'xml', element, key: name, span: { start: valueStart, end: wordEnd(text, offset, q) } };
    }
    i = close + 1;
  }
}

function attributeSite(text: string, element: string, start: number, offset: number, present: string[], quote: '"' | "'"): CompletionSite {
  let end = offset;
  while (end < text.length && !NAME_END.test(text[end])) end++;
  return { kind: 'attribute', element, span: { start, end }, present, quote };
}

/** End of the value word at the cursor: up to the closing quote or anything that cannot be in a value. */
function wordEnd(text: string, offset: number, quote: string): number {
  let end = offset;
  while (end < text.length && text[end] !== quote && !/[\s<>/]/.test(text[end])) end++;
  return end;
}

function insideComment(text: string, offset: number): boolean {
  const open = text.lastIndexOf('<!--', offset - 1);
  return open >= 0 && text.lastIndexOf('-->', offset - 1) < open;
}

/** Names of the attributes in the rest of the tag, so completion does not offer them twice. */
function attributeNames(text: string, from: number): string[] {
  const limit = Math.min(text.length, from + WINDOW);
  const end = text.indexOf('>', from);
  const tag = text.slice(from, end === -1 || end > limit ? limit : end);
  // The lookbehind starts a name only at a name boundary: without it a long run of name characters
  // with no `=` is retried from every position (quadratic).
  return [...tag.matchAll(/(?<![^\s=/>"'<])([^\s=/>"'<]+)\s*=/g)].map((m) => m[1]);
}
