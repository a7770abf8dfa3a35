import type { Span } from '../model';

/**
 * Decoded text that remembers where each of its characters stands in the document.
 * Entities, quotes, `,,` escapes and backslashes make decoded and raw text differ in length,
 * so ranges must be mapped back character by character.
 */
export interface MappedText {
  text: string;
  /** Document offset of `text[0]` when the text is a verbatim slice (no `map`). */
  start: number;
  /** `map[i]` = document offset of `text[i]`; `map[text.length]` = end offset. Absent when verbatim. */
  map?: number[];
  /**
   * `ends[i]` = document offset just after the raw form of `text[i]`. Needed where text is removed
   * *after* a character (a closing quote, a `\`+newline continuation), which `map` alone cannot tell
   * from an escape. Only with `map`; without it a character ends where the next one starts.
   */
  ends?: number[];
}

export function verbatim(text: string, start: number): MappedText {
  return { text, start };
}

export function offsetOf(m: MappedText, index: number): number {
  return m.map ? m.map[index] : m.start + index;
}

/** Document span of `m.text.slice(from, to)`. */
export function spanOf(m: MappedText, from = 0, to = m.text.length): Span {
  if (!m.map) return { start: m.start + from, end: m.start + to };
  if (m.ends) return { start: m.map[from], end: to > from ? m.ends[to - 1] : m.map[from] };
  // The end of a slice is just after its last character, not the start of the next one
  // (an escape may sit between them).
  const end = to > from ? m.map[to - 1] + rawWidth(m, to - 1) : m.map[from];
  return { start: m.map[from], end };
}

function rawWidth(m: MappedText, i: number): number {
  const next = m.map![i + 1];
  return next !== undefined && next > m.map![i] ? Math.max(1, next - m.map![i]) : 1;
}

/** Slice of a mapped text, still mapped. */
export function sliceMapped(m: MappedText, from: number, to: number): MappedText {
  const text = m.text.slice(from, to);
  if (!m.map) return { text, start: m.start + from };
  const map = m.map.slice(from, to);
  map.push(spanOf(m, from, to).end);
  return m.ends ? { text, start: map[0] ?? m.start, map, ends: m.ends.slice(from, to) } : { text, start: map[0] ?? m.start, map };
}

/** Document offset just after the raw form of `m.text[i]`. */
export function endOf(m: MappedText, i: number): number {
  return spanOf(m, i, i + 1).end;
}
