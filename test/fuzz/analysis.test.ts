/**
 * Property-based fuzzing of the whole pipeline (parsers, disk model, effective flags, rules) on
 * damaged corpus documents, under every language id: it never throws, every range lies inside
 * the document, and the time stays within a bound proportional to the size.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText, type Analysis, type LanguageId } from '../../shared/src/analyze';
import { LANGUAGES, loadCorpus, type CorpusFile } from './corpus';
import { FUZZ_SEED, replayHint, runs } from './fuzzConfig';
import { checkAnalysis, timeBoundMs } from './invariants';
import { applyMutations, mutations, withManyDisks } from './mutations';

let corpus: CorpusFile[];

beforeAll(() => {
  corpus = loadCorpus();
  console.log(replayHint());
});

/** Analyse under one language id, check the invariants, and return the analysis. */
function analyseChecked(text: string, languageId: LanguageId): Analysis {
  const started = performance.now();
  const analysis = analyzeText(text, { languageId, uri: 'file:///fuzz' });
  const ms = performance.now() - started;
  checkAnalysis(text, analysis);
  if (ms > timeBoundMs(text.length)) throw new Error(`analysis of ${text.length} characters as ${languageId} took ${ms.toFixed(0)} ms (bound ${timeBoundMs(text.length).toFixed(0)} ms)`);
  return analysis;
}

const fileIndex = () => fc.nat({ max: corpus.length - 1 });

describe('fuzzed corpus documents', () => {
  it('analyse without throwing, with every range inside the document, under every language id', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fileIndex(), mutations, async (index, ms) => {
        // A long run is a minute of work: without a turn of the event loop now and then, vitest's
        // worker misses the answers to its own messages and reports a timeout (seed 7373).
        if (++cases % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        const text = applyMutations(corpus[index].text, ms);
        for (const languageId of LANGUAGES) analyseChecked(text, languageId);
      }),
      { seed: FUZZ_SEED, numRuns: runs(300) },
    );
  });

  it('still find the disks of an undamaged part: a cut after the last disk keeps them all', () => {
    fc.assert(
      fc.property(fileIndex(), fc.nat(), (index, extra) => {
        const file = corpus[index];
        const whole = analyseChecked(file.text, file.languageId);
        const lastDiskEnd = Math.max(0, ...whole.disks.map((d) => d.disk.span.end));
        // A disk in a <qemu:arg value=…> needs the rest of its tag, which may declare the namespace.
        const tagEnd = file.languageId === 'xml' ? file.text.indexOf('>', lastDiskEnd) + 1 : 0;
        const safe = Math.max(lastDiskEnd, tagEnd);
        // Cutting after the end of the last disk may only lose what follows it, never a disk.
        const at = safe + (extra % (file.text.length - safe + 1));
        const cut = analyseChecked(file.text.slice(0, at), file.languageId);
        expect(cut.disks.map((d) => d.disk.name)).toEqual(whole.disks.map((d) => d.disk.name));
      }),
      { seed: FUZZ_SEED, numRuns: runs(100, 0.2) },
    );
  });
});

describe('large fuzzed documents', () => {
  it('10,000 disks: analysed within the bound, every range inside, then damaged and analysed again', () => {
    fc.assert(
      fc.property(fileIndex(), mutations, (index, ms) => {
        const file = corpus[index];
        const big = withManyDisks(file.text, 10_000);
        const analysis = analyseChecked(big, file.languageId);
        if (file.languageId === 'xml' && big !== file.text) expect(analysis.disks.length).toBeGreaterThanOrEqual(10_000);
        analyseChecked(applyMutations(big, ms), file.languageId);
      }),
      { seed: FUZZ_SEED, numRuns: runs(3, 0.002) },
    );
  });
});
