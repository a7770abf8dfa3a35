import type { Span } from '../../model';
import { type MappedText, sliceMapped, spanOf } from '../../text/mapped';

/**
 * Mapped text that also records where each character's raw form ends. `spanOf` in
 * text/mapped.ts takes a character's end from where the next character starts, which is right
 * for escapes (`\"`, `,,`, `&amp;`) but swallows text removed *after* a character: the closing
 * quote in `'a'b` or a `\`+newline continuation. Shell words therefore carry explicit ends,
 * and this parser measures spans with the functions below (which fall back to mapped.ts for
 * texts without ends, such as values from XML).
 */
export interface EndMappedText extends MappedText {
  /** `ends[i]` = document offset just after the raw form of `text[i]`. Only with `map`. */
  ends?: number[];
}

export function spanIn(m: EndMappedText, from = 0, to = m.text.length): Span {
  if (!m.map || !m.ends) return spanOf(m, from, to);
  return { start: m.map[from], end: to > from ? m.ends[to - 1] : m.map[from] };
}

/** Document offset just after the raw form of `m.text[i]`. */
export function endOf(m: EndMappedText, i: number): number {
  return m.map && m.ends ? m.ends[i] : spanOf(m, i, i + 1).end;
}

export function sliceIn(m: EndMappedText, from: number, to: number): EndMappedText {
  if (!m.map || !m.ends) return sliceMapped(m, from, to);
  const map = m.map.slice(from, to);
  map.push(spanIn(m, from, to).end);
  return { text: m.text.slice(from, to), start: map[0], map, ends: m.ends.slice(from, to) };
}
