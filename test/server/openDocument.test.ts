/**
 * OpenDocument is vscode-languageserver-textdocument's TextDocument as far as anyone can tell:
 * the same text, positions and offsets after any edits. Texts deflated while nothing reads them
 * come back exactly (CRLF, tabs, non-ASCII, lone surrogates), small ones are left alone, and edits
 * and analyses of a packed document are those of one never packed.
 */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { OpenDocument, PACKED_MIN_LENGTH } from '../../server/src/lsp/openDocument';
import { analyzeText } from '../../shared/src/analyze';
import { findingsJson } from '../support/findings';
import { NATIVE_WRITEBACK_XML } from './fixtures';
import { fedDocuments } from './fedDocuments';

/** A domain of `disks` copies of the fixture's disk, with CRLF, tabs and non-ASCII in it. */
function largeDomain(disks: number): string {
  const disk = /<disk[\s\S]*?<\/disk>/.exec(NATIVE_WRITEBACK_XML)![0];
  const many = Array.from({ length: disks }, (_, i) => disk.replace(/dev='vd\w'/, `dev='vd${i}'`).replace(/\n/g, '\r\n\t')).join('\r\n');
  return NATIVE_WRITEBACK_XML.replace(disk, `<!-- Größe 💾 ${'\uD800'} -->\r\n${many}`);
}

const unit = fc.constantFrom('a', 'x', ' ', '\t', '\r', '\n', '\r\n', 'é', '💾', '\uD800', '<');
const snippet = fc.array(unit, { maxLength: 6 }).map((a) => a.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: snippet }) },
  { weight: 1, arbitrary: fc.record({ text: fc.array(unit, { maxLength: 30 }).map((a) => a.join('')) }) },
);

describe('OpenDocument', () => {
  it('answers as TextDocument does after any edits: text, lines, positions, offsets, ranges', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 25 }), fc.array(position, { minLength: 8, maxLength: 8 }), (start, edits, positions) => {
        const content = start.join('');
        const ours = new OpenDocument('file:///a.xml', 'xml', 1, content);
        const theirs = TextDocument.create('file:///a.xml', 'xml', 1, content);
        edits.forEach((generated, k) => {
          // On lines the document has when the change comes, as clients send them: TextDocument
          // miscounts lines after an edit whose range names a line past the end.
          const scratch = TextDocument.create('file:///a.xml', 'xml', 1, theirs.getText());
          const onLine = (p: { line: number; character: number }) => ({ line: Math.abs(p.line) % scratch.lineCount, character: p.character });
          const changes = generated.map((c) => {
            const sent = 'range' in c ? { range: { start: onLine(c.range.start), end: onLine(c.range.end) }, text: c.text } : c;
            TextDocument.update(scratch, [sent], 1);
            return sent;
          });
          ours.update(changes, k + 2);
          TextDocument.update(theirs, changes, k + 2);
          const text = theirs.getText();
          expect(ours.getText()).toBe(text);
          expect(ours.version).toBe(theirs.version);
          expect(ours.lineCount).toBe(theirs.lineCount);
          for (let offset = -1; offset <= text.length + 1; offset++) expect(ours.positionAt(offset)).toEqual(theirs.positionAt(offset));
          for (const p of positions) expect(ours.offsetAt(p)).toBe(theirs.offsetAt(p));
          const range = { start: positions[0], end: positions[1] };
          expect(ours.getText(range)).toBe(theirs.getText(range));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives back the very text it packed, whatever the code units', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), minLength: 0, maxLength: 200 }), (tail) => {
        const text = 'x'.repeat(PACKED_MIN_LENGTH) + tail;
        const doc = new OpenDocument('file:///a.xml', 'xml', 3, text);
        doc.pack();
        expect(doc.isPacked).toBe(true);
        expect(doc.version).toBe(3);
        expect(doc.getText()).toBe(text);
        expect(doc.isPacked).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves small texts as they are', () => {
    const doc = new OpenDocument('file:///a.xml', 'xml', 1, NATIVE_WRITEBACK_XML);
    doc.pack();
    expect(doc.isPacked).toBe(false);
  });

  it('answers positions and takes edits after packing as a document never packed does', () => {
    const text = largeDomain(400);
    expect(text.length).toBeGreaterThan(PACKED_MIN_LENGTH);
    const packed = new OpenDocument('file:///a.xml', 'xml', 1, text);
    const plain = TextDocument.create('file:///a.xml', 'xml', 1, text);
    packed.pack();
    const at = text.lastIndexOf("cache='writeback'") + 7;
    expect(packed.positionAt(at)).toEqual(plain.positionAt(at));
    packed.pack();
    const range = { start: plain.positionAt(at), end: plain.positionAt(at + 9) };
    packed.update([{ range, text: 'none' }], 2);
    TextDocument.update(plain, [{ range, text: 'none' }], 2);
    expect(packed.version).toBe(2);
    expect(packed.getText()).toBe(plain.getText());
    expect(packed.lineCount).toBe(plain.lineCount);
  });
});

describe('OpenDocuments.pack', () => {
  it('packs what no kept analysis holds; an edit to it is analysed as a fresh document', async () => {
    const s = fedDocuments();
    const big = 'file:///tmp/big.xml';
    const other = 'file:///tmp/other.xml';
    // Together past the length of text whose analyses are kept: only the one used last keeps it.
    const text = largeDomain(3000);
    s.open(big, text);
    s.open(other, largeDomain(2000));
    await s.analyses.current(big);
    await s.analyses.current(other);
    await s.documents.pack((uri) => s.analyses.keeps(uri));
    expect(s.documents.get(other)!.isPacked).toBe(false);
    expect(s.documents.get(big)!.isPacked).toBe(true);
    const at = text.lastIndexOf("cache='writeback'") + 7;
    s.edit(big, at, at + 9, 'none');
    const expected = text.slice(0, at) + 'none' + text.slice(at + 9);
    const result = await s.analyses.current(big);
    expect(result!.version).toBe(2);
    expect(result!.analysis.text).toBe(expected);
    expect(findingsJson(result!.analysis.findings)).toBe(findingsJson(analyzeText(expected, { languageId: 'xml', uri: big }).findings));
  });
});
