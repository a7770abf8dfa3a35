import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditedText, type TextUnits } from '../../shared/src/text/editedText';
import { LineIndex } from '../../shared/src/text/lineIndex';
import { CHUNK_LINES } from '../../shared/src/text/lineStarts';

/** Text of line breaks of every kind, tabs and characters outside ASCII and outside the BMP. */
const text = fc.array(fc.constantFrom('a', ' ', '\t', '\n', '\r', '\r\n', 'é', '😀'), { maxLength: 40 }).map((parts) => parts.join(''));

describe('LineIndex', () => {
  it('isRangeOf answers as comparing with rangeOf would, for ranges near and far', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), (t, a, b, c, d, dl, dc) => {
        const lines = new LineIndex(t);
        const span = { start: Math.min(a, b) % (t.length + 1), end: Math.max(a, b) % (t.length + 1) };
        if (span.end < span.start) span.end = span.start;
        const other = { start: c % (t.length + 1), end: d % (t.length + 1) };
        const moved = lines.rangeOf(other);
        moved.start = { line: moved.start.line + dl, character: moved.start.character + dc };
        for (const range of [lines.rangeOf(span), lines.rangeOf(other), moved]) {
          expect(lines.isRangeOf(span, range), JSON.stringify({ t, span, range })).toBe(JSON.stringify(lines.rangeOf(span)) === JSON.stringify(range));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('edited after any edits equals an index of the new text, across many chunks of lines', () => {
    const line = fc.array(fc.constantFrom('a', ' ', '\t', 'é', '😀'), { maxLength: 6 }).map((a) => a.join(''));
    const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
    const base = fc.array(fc.tuple(line, lineBreak), { minLength: 3 * CHUNK_LINES, maxLength: 4 * CHUNK_LINES }).map((ls) => ls.map(([l, b]) => l + b).join(''));
    const insert = fc.oneof(text, fc.constantFrom('', 'x', '\n', '\r', '\r\n'));
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 8 }), insert });
    fc.assert(
      fc.property(base, fc.array(edit, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (t, edits, probes) => {
        let current = t;
        let units: TextUnits = t;
        let lines = new LineIndex(t);
        for (const { at, length, insert: inserted } of edits) {
          const start = at % (current.length + 1);
          const end = Math.min(current.length, start + length);
          current = current.slice(0, start) + inserted + current.slice(end);
          units = EditedText.edit(units, start, end, inserted);
          lines = LineIndex.edited(lines, units, start, end, inserted.length);
          const fresh = new LineIndex(current);
          expect(lines.lineCount).toBe(fresh.lineCount);
          for (const p of probes) {
            const offset = p % (current.length + 1);
            expect(lines.positionAt(offset)).toEqual(fresh.positionAt(offset));
            const l = p % fresh.lineCount;
            expect(lines.lineStart(l)).toBe(fresh.lineStart(l));
            expect(lines.lineEnd(l)).toBe(fresh.lineEnd(l));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
