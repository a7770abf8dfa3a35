/**
 * Where the cursor is in a QEMU command line: after `key=` of a `-drive`/`-blockdev`/`-device`
 * option, inside a JSON string after `"key":`, or at a JSON boolean after `"key":`.
 * Only the current line is looked at: options are single words and JSON keys sit next to their values.
 */
import type { CompletionSite } from './site';

const KEY_CHAR = /[A-Za-z0-9_.-]/;
const VALUE_CHAR = /[A-Za-z0-9_.-]/;

/** `floor`: do not look before this offset (e.g. the start of an XML `<qemu:arg value='…'>`). */
export function qemuSiteAt(text: string, offset: number, floor = 0): CompletionSite | undefined {
  const lineStart = Math.max(floor, text.lastIndexOf('\n', offset - 1) + 1);
  let p = offset;
  while (p > lineStart && VALUE_CHAR.test(text[p - 1])) p--;
  let end = offset;
  while (end < text.length && VALUE_CHAR.test(text[end])) end++;
  const span = { start: p, end };
  const before = text[p - 1];
  if (before === '"' && p - 1 >= lineStart) {
    const key = jsonKeyBefore(text, p - 1, lineStart);
    return key === undefined ? undefined : { kind: 'value', form: 'json-string', key, span };
  }
  if (before === '=' && p - 1 >= lineStart) {
    let k = p - 1;
    while (k > lineStart && KEY_CHAR.test(text[k - 1])) k--;
    const key = text.slice(k, p - 1);
    const lead = k > lineStart ? text[k - 1] : ' ';
    if (key === '' || !/[\s,'"]/.test(lead)) return undefined;
    return { kind: 'value', form: 'keyval', key, span };
  }
  const key = jsonKeyBefore(text, p, lineStart);
  return key === undefined ? undefined : { kind: 'value', form: 'json-boolean', key, span };
}

/** The key of `"key" : ` ending just before `at`, if that is what precedes it. */
function jsonKeyBefore(text: string, at: number, lineStart: number): string | undefined {
  let i = at;
  while (i > lineStart && /[ \t]/.test(text[i - 1])) i--;
  if (text[i - 1] !== ':') return undefined;
  i--;
  while (i > lineStart && /[ \t]/.test(text[i - 1])) i--;
  if (text[i - 1] !== '"') return undefined;
  const keyEnd = i - 1;
  let k = keyEnd;
  while (k > lineStart && KEY_CHAR.test(text[k - 1])) k--;
  if (text[k - 1] !== '"' || k === keyEnd) return undefined;
  return text.slice(k, keyEnd);
}
