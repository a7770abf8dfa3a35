/**
 * EditedText against plain strings: after any sequence of edits it holds the same code units
 * (CRLF, tabs, non-ASCII, lone surrogates), read one by one, by slice or whole, joined or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditedText, MAX_PIECES, type TextUnits } from '../../shared/src/text/editedText';

const unit = fc.constantFrom('a', 'x', ' ', '\t', '\r', '\n', 'é', '💾', '\uD800', '<', "'");
const piece = fc.array(unit, { maxLength: 8 }).map((a) => a.join(''));
const editAt = fc.record({ a: fc.nat(), b: fc.nat(), inserted: fc.oneof(piece, fc.string({ maxLength: 300 })) });

function replaced(text: string, start: number, end: number, inserted: string): string {
  return text.slice(0, start) + inserted + text.slice(end);
}

function expectSame(units: TextUnits, text: string, probes: number[]): void {
  expect(units.length).toBe(text.length);
  for (const p of probes) {
    const i = p % (text.length + 2);
    expect(units.charCodeAt(i)).toEqual(text.charCodeAt(i));
    const j = Math.min(text.length, i + (p % 40));
    if (i <= text.length) expect(units.slice(i, j)).toBe(text.slice(i, j));
  }
}

describe('EditedText', () => {
  it('holds what the same edits make of a string, before and after it is joined', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 400 }), fc.array(editAt, { maxLength: 150 }), fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), fc.nat({ max: 150 }), (start, edits, probes, joinAt) => {
        let text = start.join('');
        let units: TextUnits = text;
        edits.forEach(({ a, b, inserted }, k) => {
          const from = Math.min(a, b) % (text.length + 1);
          const to = Math.min(text.length, from + (Math.max(a, b) % 12));
          text = replaced(text, from, to, inserted);
          units = EditedText.edit(units, from, to, inserted);
          expectSame(units, text, probes);
          // Joined once in a while, as a reader of the whole text does; edits go on from there.
          if (k === joinAt) expect(units.toString()).toBe(text);
        });
        expect(units.toString()).toBe(text);
        expectSame(units, text, probes);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the text it was edited from as it was', () => {
    const first = EditedText.edit('abcdef', 2, 4, 'XY');
    const second = first.edited(0, 1, '');
    expect(first.toString()).toBe('abXYef');
    expect(second.toString()).toBe('bXYef');
  });

  it('keeps at most MAX_PIECES pieces: an edit past them joins the text', () => {
    const base = 'line\n'.repeat(10_000);
    let units: TextUnits = base;
    let text = base;
    // Each edit far from the others splits a piece of the base: two more pieces each time.
    for (let i = 0; i < MAX_PIECES; i++) {
      const at = (i * 7919) % base.length;
      units = EditedText.edit(units, at, at, `#${i}`);
      text = replaced(text, at, at, `#${i}`);
    }
    expect(pieces(units)).toBeLessThanOrEqual(MAX_PIECES);
    expect(units.toString()).toBe(text);
  });

  it('makes one piece again of a character typed and deleted, and one piece of characters typed in a row', () => {
    const base = 'x'.repeat(1000);
    const typed = EditedText.edit(base, 500, 500, 'a');
    expect(pieces(typed)).toBe(3);
    expect(pieces(typed.edited(500, 501, ''))).toBe(1);
    let word: EditedText = typed;
    for (const c of 'bcdef') word = word.edited(word.length - 500, word.length - 500, c);
    expect(pieces(word)).toBe(3);
    expect(word.toString()).toBe(`${'x'.repeat(500)}abcdef${'x'.repeat(500)}`);
  });
});

/** How many pieces an edited text is made of (1 once joined). */
function pieces(units: TextUnits): number {
  const inner = units as unknown as { strings: string[]; joined?: string };
  return inner.joined !== undefined ? 1 : inner.strings.length;
}
