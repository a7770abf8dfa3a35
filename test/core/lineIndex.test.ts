import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../shared/src/text/lineIndex';

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
});
