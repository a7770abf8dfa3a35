/**
 * A preferred fix is what "fix all" and a one-key quick fix apply without asking: it must not leave
 * an error the document did not have (a cache mode that breaks aio=native, say). Checked for every
 * finding with a preferred fix on every corpus file and on the bench's generated documents, which
 * mix every cache and AIO mode.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText, type LanguageId } from '../../shared/src/analyze';
import { applyEdits } from '../support/edits';
import { loadCorpus } from '../fuzz/corpus';

interface Doc {
  name: string;
  text: string;
  languageId: LanguageId;
}

function errorCounts(text: string, languageId: LanguageId): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of analyzeText(text, { languageId }).findings) if (f.severity === 'error') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}

let docs: Doc[];
beforeAll(async () => {
  const inputs = (await import('../../bench/inputs.mjs' as string)) as {
    manyDisksXml: (disks: number, seed: number) => string;
    realisticXml: () => string;
    launchScript: (options: number, seed: number) => string;
  };
  docs = [
    ...loadCorpus(),
    { name: 'generated domain, 300 disks', text: inputs.manyDisksXml(300, 5), languageId: 'xml' },
    { name: 'generated realistic domain', text: inputs.realisticXml(), languageId: 'xml' },
    { name: 'generated launch script, 300 options', text: inputs.launchScript(300, 5), languageId: 'shellscript' },
  ];
});

describe('preferred fixes', () => {
  it('leave no error of any code that the document did not have as often before', () => {
    const added: string[] = [];
    let applied = 0;
    for (const doc of docs) {
      const analysis = analyzeText(doc.text, { languageId: doc.languageId });
      const before = errorCounts(doc.text, doc.languageId);
      for (const finding of analysis.findings) {
        const fix = finding.fixes.find((f) => f.preferred);
        if (!fix) continue;
        applied++;
        for (const [code, n] of errorCounts(applyEdits(doc.text, fix.edits), doc.languageId)) {
          if (n > (before.get(code) ?? 0)) added.push(`${doc.name}: "${fix.title}" for ${finding.code} at ${finding.span.start} adds ${code}`);
        }
      }
    }
    expect(added).toEqual([]);
    // Worth something only if many fixes were tried.
    expect(applied).toBeGreaterThan(1000);
  });
});
