/**
 * The analysis cache behind hover, code actions, lenses and symbols: one analysis per version and
 * settings, incremental after an edit inside a disk, kept for the most recently used documents only.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_ANALYSES, KEPT_TEXT_LENGTH } from '../../server/src/lsp/analyses';
import { analyzeText } from '../../shared/src/analyze';
import { findingsJson } from '../support/findings';
import { fedDocuments as setup } from './fedDocuments';
import { NATIVE_WRITEBACK_XML } from './fixtures';

describe('Analyses', () => {
  const uri = 'file:///tmp/a.xml';

  it('returns the same analysis while the version is unchanged: hover never re-parses', async () => {
    const s = setup();
    s.open(uri, NATIVE_WRITEBACK_XML);
    const first = await s.analyses.current(uri);
    const second = await s.analyses.current(uri);
    expect(second!.analysis).toBe(first!.analysis);
    expect(first!.version).toBe(1);
  });

  it('analyses again for a new version, and after settings or probe results change', async () => {
    const s = setup();
    s.open(uri, NATIVE_WRITEBACK_XML);
    const v1 = await s.analyses.current(uri);
    s.replaceAll(uri, NATIVE_WRITEBACK_XML.replace('writeback', 'none'));
    const v2 = await s.analyses.current(uri);
    expect(v2!.version).toBe(2);
    expect(v2!.analysis).not.toBe(v1!.analysis);
    expect(v2!.analysis.findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
    s.analyses.invalidateAll();
    const v2again = await s.analyses.current(uri);
    expect(v2again!.analysis).not.toBe(v2!.analysis);
  });

  it('re-reads only the disk an edit falls in, and gets what a full analysis gets', async () => {
    const s = setup();
    s.open(uri, NATIVE_WRITEBACK_XML);
    await s.analyses.current(uri);
    const at = NATIVE_WRITEBACK_XML.indexOf("'writeback'") + 1;
    // Two changes before the next analysis: typed over in two keystrokes (the first range sent end first).
    s.edit(uri, at, at + 9, 'non', true);
    s.edit(uri, at + 3, at + 3, 'e');
    const after = await s.analyses.current(uri);
    expect(s.analyses.counts).toEqual({ full: 1, incremental: 1 });
    const text = s.documents.get(uri)!.getText();
    expect(text).toContain("cache='none'");
    const full = analyzeText(text, after!.options);
    expect(findingsJson(after!.analysis.findings)).toBe(findingsJson(full.findings));
    expect(after!.analysis.findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
  });

  it(`keeps analyses for the ${KEPT_ANALYSES} documents used last`, async () => {
    const s = setup();
    const uris = Array.from({ length: KEPT_ANALYSES + 2 }, (_, i) => `file:///tmp/d${i}.xml`);
    for (const u of uris) s.open(u, NATIVE_WRITEBACK_XML);
    const inTurn = async () => {
      const got = [];
      for (const u of uris) got.push(await s.analyses.current(u));
      return got;
    };
    const first = await inTurn();
    // Each document pushes out the least recently used: going round again, none is left.
    const again = await inTurn();
    expect(again.filter((a, i) => a!.analysis === first[i]!.analysis)).toEqual([]);
    expect(s.analyses.counts.full).toBe(2 * uris.length);
    // The most recent ones are served from the cache.
    const last = uris[uris.length - 1];
    expect((await s.analyses.current(last))!.analysis).toBe(again[again.length - 1]!.analysis);
  });

  it(`keeps only the analysis used last once the kept texts pass ${KEPT_TEXT_LENGTH} characters`, async () => {
    const s = setup();
    // Each text a little over half the budget: two of them do not fit.
    const large = NATIVE_WRITEBACK_XML.replace('</domain>', `<!-- ${'x'.repeat(KEPT_TEXT_LENGTH / 2)} --></domain>`);
    const [a, b, small] = ['file:///tmp/large-a.xml', 'file:///tmp/large-b.xml', 'file:///tmp/small.xml'];
    s.open(a, large);
    s.open(b, large);
    s.open(small, NATIVE_WRITEBACK_XML);
    const first = await s.analyses.current(a);
    await s.analyses.current(b);
    expect((await s.analyses.current(a))!.analysis).not.toBe(first!.analysis);
    expect(s.analyses.counts.full).toBe(3);
    // A small document's analysis fits beside a large one.
    const kept = await s.analyses.current(a);
    await s.analyses.current(small);
    expect((await s.analyses.current(a))!.analysis).toBe(kept!.analysis);
    expect(s.analyses.counts.full).toBe(4);
  });

  it('nothing for closed documents or languages it does not serve', async () => {
    const s = setup();
    expect(await s.analyses.current(uri)).toBeUndefined();
    s.open('file:///tmp/readme.md', '# hi', 'markdown');
    expect(await s.analyses.current('file:///tmp/readme.md')).toBeUndefined();
  });
});
