/**
 * Attribute values as an XML processor reads them: entity and character references resolved,
 * tabs and line breaks turned into spaces (a CRLF pair into one), every character mapped back
 * to the raw text so findings and edits land on what the user typed.
 */
import type { SyntaxProblem } from '../../model';
import type { MappedText } from '../../text/mapped';
import { CR, LF, TAB } from './chars';

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Longest reference looked at: `&#x10FFFF;` and any sensible entity name fit. */
const MAX_REFERENCE = 64;

/** What may stand between `&` and `;`: a character number or a name. */
const REFERENCE_BODY = /^(#x?[0-9A-Za-z]+|[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7-\uFFFF-]*)$/;

const AMP = 38;

export function decodeAttributeValue(text: string, start: number, end: number, problems: SyntaxProblem[]): MappedText {
  const plain = plainUpTo(text, start, end);
  return plain === end ? { text: text.slice(start, end), start } : decodeFrom(text, start, plain, end, problems);
}

/** The decoded value alone, for when no mapping is needed. */
export function decodeValue(text: string, start: number, end: number, problems: SyntaxProblem[]): string {
  const plain = plainUpTo(text, start, end);
  return plain === end ? text.slice(start, end) : decodeFrom(text, start, plain, end, problems, false).text;
}

/** `decodeValue` for a value whose first `plain - start` characters decoding leaves alone (`plainUpTo`). */
export function decodeValueFrom(text: string, start: number, plain: number, end: number, problems: SyntaxProblem[]): string {
  return decodeFrom(text, start, plain, end, problems, false).text;
}

/** Where the first character that decoding changes stands (`end` when none does). */
export function plainUpTo(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === AMP || c === TAB || c === LF || c === CR) break;
    i++;
  }
  return i;
}

function decodeFrom(text: string, start: number, plain: number, end: number, problems: SyntaxProblem[], mapped = true): MappedText {
  let i = plain;
  let out = text.slice(start, i);
  const map: number[] | undefined = mapped ? [] : undefined;
  if (map) for (let k = start; k < i; k++) map.push(k);
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === AMP) {
      const ref = readReference(text, i, end, problems);
      out += ref.decoded;
      if (map) {
        if (ref.decoded.length === 1) map.push(i);
        else for (let k = 0; k < ref.decoded.length; k++) map.push(Math.min(i + k, ref.end - 1));
      }
      i = ref.end;
    } else if (c === CR) {
      out += ' ';
      if (map) map.push(i);
      i += i + 1 < end && text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === TAB || c === LF) {
      out += ' ';
      if (map) map.push(i);
      i++;
    } else {
      // A run of characters that stay as they are: one slice, not one string per character.
      const run = plainUpTo(text, i, end);
      out += text.slice(i, run);
      if (map) for (let k = i; k < run; k++) map.push(k);
      i = run;
    }
  }
  if (!map) return { text: out, start };
  map.push(end);
  return { text: out, start, map };
}

interface Reference {
  decoded: string;
  /** Offset just after the reference (after `;`, or after `&` when it was no reference). */
  end: number;
}

function readReference(text: string, amp: number, end: number, problems: SyntaxProblem[]): Reference {
  const limit = Math.min(end, amp + MAX_REFERENCE);
  let semi = amp + 1;
  while (semi < limit && text.charCodeAt(semi) !== 59 /* ; */) semi++;
  if (semi >= limit || !REFERENCE_BODY.test(text.slice(amp + 1, semi))) {
    problems.push({ span: { start: amp, end: amp + 1 }, message: "A literal '&' must be written as &amp;.", severity: 'error' });
    return { decoded: '&', end: amp + 1 };
  }
  const body = text.slice(amp + 1, semi);
  const span = { start: amp, end: semi + 1 };
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body[1] === 'x';
    const digits = body.slice(hex ? 2 : 1);
    const valid = hex ? /^[0-9a-fA-F]+$/.test(digits) : /^[0-9]+$/.test(digits);
    const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
    if (isXmlChar(code)) return { decoded: String.fromCodePoint(code), end: semi + 1 };
    problems.push({ span, message: `&${body}; is not a valid character reference.`, severity: 'error' });
    return { decoded: text.slice(amp, semi + 1), end: semi + 1 };
  }
  const predefined = PREDEFINED[body];
  if (predefined !== undefined) return { decoded: predefined, end: semi + 1 };
  // Entities declared in a DOCTYPE are never expanded (that is how entity bombs work); the
  // reference stays as written.
  problems.push({ span, message: `The entity &${body}; is not expanded; the value is read as written.`, severity: 'warning' });
  return { decoded: text.slice(amp, semi + 1), end: semi + 1 };
}

function isXmlChar(code: number): boolean {
  if (!Number.isFinite(code)) return false;
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  return (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}
