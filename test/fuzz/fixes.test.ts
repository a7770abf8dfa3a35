/**
 * Fixes on fuzzed documents: applying every edit of any fix keeps the document analysable (no
 * throw, ranges inside), and applying a finding's preferred fix removes that finding.
 */
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { analyzeText, type Analysis, type LanguageId } from '../../shared/src/analyze';
import type { Finding, Fix } from '../../shared/src/rules/types';
import { applyEdits } from '../support/edits';
import { LANGUAGES, loadCorpus, type CorpusFile } from './corpus';
import { FUZZ_SEED, replayHint, runs } from './fuzzConfig';
import { checkAnalysis } from './invariants';
import { applyMutations, mutations } from './mutations';

let corpus: CorpusFile[];

beforeAll(() => {
  corpus = loadCorpus();
  console.log(replayHint());
});

function analyse(text: string, languageId: LanguageId): Analysis {
  const analysis = analyzeText(text, { languageId });
  checkAnalysis(text, analysis);
  return analysis;
}

/** Findings of the same code that sit where the fixed one sat, once the edits moved the text. */
function sameFindingAfter(before: Finding, fix: Fix, after: Analysis): Finding[] {
  const shift = (offset: number) => fix.edits.reduce((o, e) => (e.span.end <= offset ? o + e.newText.length - (e.span.end - e.span.start) : o), offset);
  const touched = fix.edits.some((e) => e.span.start < before.span.end && before.span.start < e.span.end);
  return after.findings.filter((f) => {
    if (f.code !== before.code) return false;
    // An edit over the finding's own text moves its end: then any finding starting there is it.
    return touched ? f.span.start === shift(before.span.start) : f.span.start === shift(before.span.start) && f.span.end === shift(before.span.end);
  });
}

/** Up to `limit` findings with fixes, spread over the document. */
function someFixable(analysis: Analysis, pick: number, limit: number): Finding[] {
  const fixable = analysis.findings.filter((f) => f.fixes.length > 0);
  if (fixable.length <= limit) return fixable;
  return Array.from({ length: limit }, (_, i) => fixable[(pick + i * Math.ceil(fixable.length / limit)) % fixable.length]);
}

describe('fixes on fuzzed documents', () => {
  it('any fix keeps the document analysable; the preferred fix removes its finding', () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.nat(), fc.constantFrom(...LANGUAGES), mutations, (index, pick, languageId, ms) => {
        const text = applyMutations(corpus[index].text, ms);
        const analysis = analyse(text, languageId);
        for (const finding of someFixable(analysis, pick, 3)) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(text, fix.edits);
            const after = analyse(fixed, languageId);
            if (fix.preferred && sameFindingAfter(finding, fix, after).length > 0) {
              throw new Error(`the preferred fix "${fix.title}" did not remove ${finding.code} ("${finding.message}") at ${finding.span.start}`);
            }
          }
        }
      }),
      { seed: FUZZ_SEED, numRuns: runs(150, 0.5) },
    );
  });

  it('undamaged corpus documents: every preferred fix removes its finding', () => {
    for (const file of corpus) {
      const analysis = analyse(file.text, file.languageId);
      for (const finding of analysis.findings) {
        const fix = finding.fixes.find((f) => f.preferred);
        if (!fix) continue;
        const after = analyse(applyEdits(file.text, fix.edits), file.languageId);
        if (sameFindingAfter(finding, fix, after).length > 0) throw new Error(`${file.name}: the preferred fix "${fix.title}" did not remove ${finding.code} at ${finding.span.start}`);
      }
    }
  });
});
