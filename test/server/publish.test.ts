/** Publishing on every keystroke: unchanged diagnostics are reused, and encoded to the very bytes JSON.stringify gives. */
import fc from 'fast-check';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { DiagnosticsReuse, messagePieces } from '../../server/src/lsp/publish';
import { analyzeText } from '../../shared/src/analyze';
import { reanalyzeEdit } from '../../shared/src/incremental';

const disk = (dev: string, driver: string) =>
  `\t<disk type='file' device='disk'>\r\n\t\t<driver name='qemu' ${driver}/>\r\n\t\t<source file='/images/ünï-😀-${dev}.raw'/>\r\n\t\t<target dev='${dev}'/>\r\n\t</disk>\r\n`;
const TEXT = `<domain>\r\n<devices>\r\n${disk('vda', "type='raw' cache='writeback' io='native'")}${disk('vdb', "type='qcow2' cache='unsafe'")}${disk('vdc', "type='raw' io='native'")}</devices>\r\n</domain>\r\n`;
const OPTIONS = { languageId: 'xml', uri: 'file:///p.xml' };

function encoded(message: Message): string {
  return Buffer.concat(messagePieces(message)).toString('utf-8');
}

describe('publishing diagnostics', () => {
  it('keeps the diagnostic objects of findings an edit did not move, and makes new ones for the rest', () => {
    const reuse = new DiagnosticsReuse();
    const before = analyzeText(TEXT, OPTIONS);
    const first = reuse.diagnosticsOf(OPTIONS.uri, before);
    // One character more before vdb's driver attributes: vda's findings stay put, vdc's are on lines below, vdb's own moved.
    const at = TEXT.indexOf("type='qcow2'");
    const text = `${TEXT.slice(0, at)} ${TEXT.slice(at)}`;
    const after = reanalyzeEdit(before, { start: at, end: at, newLength: 1 }, text, OPTIONS)!;
    const second = reuse.diagnosticsOf(OPTIONS.uri, after);
    expect(reuse.unchanged).toBe(false);
    const line = (d: Diagnostic) => d.range.start.line;
    const vdbLines = new Set(after.disks.filter((d) => d.disk.name === 'vdb').map((d) => after.lines.positionAt(d.disk.span.start).line));
    expect(second.length).toBe(first.length);
    for (const d of second) {
      const wasThere = first.includes(d);
      const inVdb = [...vdbLines].some((l) => line(d) >= l && line(d) <= l + 4);
      expect(wasThere).toBe(!inVdb);
    }
    // Another document never gets the first one's objects.
    expect(reuse.diagnosticsOf('file:///other.xml', after).some((d) => second.includes(d))).toBe(false);
  });

  it('keeps the objects of a re-read disk whose diagnostics say what they said, and then calls the list unchanged', () => {
    const reuse = new DiagnosticsReuse();
    const before = analyzeText(TEXT, OPTIONS);
    const first = reuse.diagnosticsOf(OPTIONS.uri, before);
    expect(reuse.unchanged).toBe(false);
    // In vdb's path, a line below its findings: the disk is read again and its findings are new objects.
    const at = TEXT.indexOf('-vdb.raw');
    const text = `${TEXT.slice(0, at)}ü${TEXT.slice(at)}`;
    const after = reanalyzeEdit(before, { start: at, end: at, newLength: 1 }, text, OPTIONS)!;
    expect(after.findings.filter((f) => before.findings.includes(f)).length).toBeLessThan(after.findings.length);
    const second = reuse.diagnosticsOf(OPTIONS.uri, after);
    expect(second.every((d, i) => d === first[i])).toBe(true);
    expect(reuse.unchanged).toBe(true);
    // The same analysis for another document is never unchanged, nor after forgetting the first.
    reuse.diagnosticsOf('file:///other.xml', after);
    expect(reuse.unchanged).toBe(false);
    reuse.forget('file:///other.xml');
    reuse.diagnosticsOf('file:///other.xml', after);
    expect(reuse.unchanged).toBe(false);
  });

  it('whatever the edits kept or dropped, gives the diagnostics a fresh start gives', () => {
    const reuse = new DiagnosticsReuse();
    const many = `<domain>\r\n<devices>\r\n${Array.from({ length: 90 }, (_, i) => disk(`vd${i}`, i % 2 ? "type='raw' cache='writeback' io='native'" : "type='qcow2' cache='unsafe'")).join('')}</devices>\r\n</domain>\r\n`;
    let analysis = analyzeText(many, OPTIONS);
    reuse.diagnosticsOf(OPTIONS.uri, analysis);
    // In one disk, then 80 disks removed at once (more than the walk looks ahead), then a new line above them all.
    const diskStart = (t: string, dev: string) => t.lastIndexOf('\t<disk', t.indexOf(`-${dev}.raw`));
    const edits: ((t: string) => [number, number, string])[] = [
      (t) => [t.indexOf('-vd5.raw'), 0, 'x'],
      (t) => [diskStart(t, 'vd2'), diskStart(t, 'vd82') - diskStart(t, 'vd2'), ''],
      (t) => [t.indexOf('<devices>'), 0, '\r\n'],
    ];
    for (const edit of edits) {
      const [at, length, insert] = edit(analysis.text);
      const text = `${analysis.text.slice(0, at)}${insert}${analysis.text.slice(at + length)}`;
      analysis = reanalyzeEdit(analysis, { start: at, end: at + length, newLength: insert.length }, text, OPTIONS) ?? analyzeText(text, OPTIONS);
      expect(reuse.diagnosticsOf(OPTIONS.uri, analysis)).toEqual(new DiagnosticsReuse().diagnosticsOf(OPTIONS.uri, analysis));
    }
  });

  it('after chains of edits, some of them not published, gives the ranges a fresh start gives', () => {
    // A finding kept away from the lines an edit touched keeps its range without a look at the
    // lines (EditWindow); on the edited line, below a new line, or after an analysis that was
    // never published, the ranges are worked out again.
    const many = `<domain>\r\n<devices>\r\n${Array.from({ length: 12 }, (_, i) => disk(`vd${i}`, i % 2 ? "type='raw' cache='writeback' io='native'" : "type='qcow2' cache='unsafe'")).join('')}</devices>\r\n</domain>\r\n`;
    let fast = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('x', '', '\r\n', '\n', 'ü😀', ' io=\'native\''), fc.nat({ max: 3 }), fc.boolean()), { minLength: 1, maxLength: 15 }),
        (edits) => {
          const reuse = new DiagnosticsReuse();
          let analysis = analyzeText(many, OPTIONS);
          reuse.diagnosticsOf(OPTIONS.uri, analysis);
          for (const [where, insert, length, publish] of edits) {
            const text = analysis.text;
            const at = where % text.length;
            const next = `${text.slice(0, at)}${insert}${text.slice(at + length)}`;
            analysis = reanalyzeEdit(analysis, { start: at, end: Math.min(text.length, at + length), newLength: insert.length }, next, OPTIONS) ?? analyzeText(next, OPTIONS);
            if (!publish) continue;
            if (analysis.edit) fast++;
            expect(reuse.diagnosticsOf(OPTIONS.uri, analysis)).toEqual(new DiagnosticsReuse().diagnosticsOf(OPTIONS.uri, analysis));
          }
        },
      ),
      { seed: 4242, numRuns: 300 },
    );
    expect(fast).toBeGreaterThan(300);
  });

  it('finds the kept findings again however many were removed before them', () => {
    const reuse = new DiagnosticsReuse();
    const many = `<domain>\r\n<devices>\r\n${Array.from({ length: 40 }, (_, i) => disk(`vd${i}`, "type='qcow2' cache='unsafe'")).join('')}</devices>\r\n</domain>\r\n`;
    const analysis = analyzeText(many, OPTIONS);
    const first = reuse.diagnosticsOf(OPTIONS.uri, analysis);
    expect(first.length).toBeGreaterThan(60);
    // The first 50 findings gone, the rest the same objects at the same places: more than the walk looks ahead.
    const fewer = { ...analysis, findings: analysis.findings.slice(50) };
    const second = reuse.diagnosticsOf(OPTIONS.uri, fewer);
    expect(second).toEqual(first.slice(50));
    expect(second.every((d, i) => d === first[50 + i])).toBe(true);
  });

  it('encodes publishDiagnostics to the bytes JSON.stringify gives, non-ASCII included, reused or not', () => {
    const reuse = new DiagnosticsReuse();
    const diagnostics = reuse.diagnosticsOf(OPTIONS.uri, analyzeText(TEXT, OPTIONS));
    expect(diagnostics.some((d) => d.relatedInformation)).toBe(true);
    diagnostics[0].message = `${diagnostics[0].message} — ünï 😀 "quoted" \\ \u2028`;
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///p%20ü.xml', version: 7, diagnostics } } as Message;
    const first = messagePieces(message);
    const copies = first.map((p) => Buffer.from(p));
    expect(encoded(message)).toBe(JSON.stringify(message));
    // Second time from the cache of written pieces: the same memory, not a copy, and unchanged.
    const second = messagePieces(message);
    const sameMemory = (a: Buffer, b: Buffer) => a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length === b.length;
    expect(second.slice(1, -1).every((p, i) => sameMemory(p, first[i + 1]))).toBe(true);
    expect(first).toEqual(copies);
    const one = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///p.xml', diagnostics: diagnostics.slice(0, 1) } } as Message;
    expect(encoded(one)).toBe(JSON.stringify(one));
    const empty = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///p.xml', diagnostics: [] } } as Message;
    expect(encoded(empty)).toBe(JSON.stringify(empty));
    const report = { jsonrpc: '2.0', id: 'ü-4', result: { kind: 'full', resultId: '12', items: diagnostics } } as Message;
    expect(encoded(report)).toBe(JSON.stringify(report));
    expect(messagePieces(report).slice(1, -1).every((p, i) => sameMemory(p, first[i + 1]))).toBe(true);
    const emptyReport = { jsonrpc: '2.0', id: 5, result: { kind: 'full', items: [] } } as Message;
    expect(encoded(emptyReport)).toBe(JSON.stringify(emptyReport));
    // A list that is not last is written whole, as JSON.stringify would.
    const notLast = { jsonrpc: '2.0', id: 6, result: { kind: 'full', items: diagnostics.slice(0, 2), resultId: '3' } } as Message;
    expect(messagePieces(notLast)).toHaveLength(1);
    expect(encoded(notLast)).toBe(JSON.stringify(notLast));
    const other = { jsonrpc: '2.0', id: 3, result: { contents: 'ü' } } as Message;
    expect(encoded(other)).toBe(JSON.stringify(other));
  });
});
