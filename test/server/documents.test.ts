/** The change log of open documents: many edits folded into one change on the text last analysed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { union } from '../../server/src/lsp/documents';
import type { TextChange } from '../../shared/src/incremental';

function apply(text: string, c: TextChange, inserted: string): string {
  return text.slice(0, c.start) + inserted + text.slice(c.end);
}

describe('union of changes', () => {
  it('covers every edit: replacing its range of the original by the same range of the final text gives the final text', () => {
    const edit = fc.record({ a: fc.nat(), b: fc.nat({ max: 8 }), text: fc.string({ maxLength: 5 }) });
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (original, edits) => {
        let text = original;
        let covered: TextChange | undefined;
        for (const e of edits) {
          const start = e.a % (text.length + 1);
          const change = { start, end: Math.min(text.length, start + e.b), newLength: e.text.length };
          text = apply(text, change, e.text);
          covered = covered ? union(covered, change) : change;
        }
        const c = covered!;
        expect(text.length - original.length).toBe(c.newLength - (c.end - c.start));
        expect(apply(original, c, text.slice(c.start, c.start + c.newLength))).toBe(text);
        // Nothing outside the cover changed.
        expect(text.slice(0, c.start)).toBe(original.slice(0, c.start));
        expect(text.slice(c.start + c.newLength)).toBe(original.slice(c.end));
      }),
      { numRuns: 2000 },
    );
  });
});
