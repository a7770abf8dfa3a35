/**
 * "Disable CODE for this file" is offered only when the pragma silences exactly CODE and changes
 * nothing else. The cheap verdict for a pragma written into the prolog of a clean XML document
 * (server/src/lsp/disableComments.ts `prologVerdict`) must agree with analysing the edited text
 * whole, wherever it answers: on the corpus, on documents whose start is mutated, and on the
 * prologs that must fall back (a declaration after leading space, a DOCTYPE, an instruction).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { disableFileEdit, fullVerdict, prologVerdict } from '../../server/src/lsp/disableComments';
import { analyzeText, type AnalyzeOptions } from '../../shared/src/analyze';
import { loadCorpus } from './corpus';
import { FUZZ_SEED, replayHint, runs } from './fuzzConfig';

const OPTIONS: AnalyzeOptions = { languageId: 'xml', uri: 'file:///fuzz/domain.xml' };

/** For each code found in `text`: the cheap verdict (undefined when it cannot tell) and the full one. */
function verdicts(text: string): { code: string; cheap: boolean | undefined; full: boolean }[] {
  const analysis = analyzeText(text, OPTIONS);
  const analysed = { version: 1, analysis, options: OPTIONS };
  return [...new Set(analysis.findings.map((f) => f.code))].map((code) => {
    const edit = disableFileEdit(analysis.text, analysis.lines, code, 'libvirt-xml');
    return { code, cheap: prologVerdict(analysis, edit, code), full: fullVerdict(analysed, edit, (f) => f.code === code) };
  });
}

function expectAgreement(text: string): number {
  let answered = 0;
  for (const v of verdicts(text)) {
    if (v.cheap === undefined) continue;
    answered++;
    expect({ code: v.code, verdict: v.cheap }).toEqual({ code: v.code, verdict: v.full });
  }
  return answered;
}

let xml: string[];
beforeAll(() => {
  xml = loadCorpus()
    .filter((f) => f.languageId === 'xml')
    .map((f) => f.text);
  console.log(replayHint());
});

const DOMAIN = "<domain type='kvm'>\n  <devices>\n    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw' cache='unsafe' io='native'/>\n      <source file='/a.raw'/>\n      <target dev='vda'/>\n    </disk>\n  </devices>\n</domain>\n";

describe('the prolog verdict of a file pragma equals the full one', () => {
  it('on every XML file of the corpus', () => {
    let answered = 0;
    for (const text of xml) answered += expectAgreement(text);
    // Worth something only if it answers for most of them.
    expect(answered).toBeGreaterThan(xml.length / 2);
  });

  it('on prologs it must leave to the full verdict, and on those it may answer for', () => {
    const cases: [string, 'answers' | 'falls back'][] = [
      [DOMAIN, 'answers'],
      [`\uFEFF${DOMAIN}`, 'answers'],
      [`<?xml version="1.0"?>\n${DOMAIN}`, 'answers'],
      [`<?xml version="1.0"?><!-- ß 😀 -->\r\n${DOMAIN.replace(/\n/g, '\r\n')}`, 'answers'],
      [`\n  <?xml version="1.0"?>\n${DOMAIN}`, 'falls back'],
      [`<!DOCTYPE domain>\n${DOMAIN}`, 'falls back'],
      [`<?xml version="1.0"?>\n<?xml-stylesheet href="a"?>\n${DOMAIN}`, 'falls back'],
      [DOMAIN.replace('</devices>', '</devices'), 'falls back'],
    ];
    for (const [text, expected] of cases) {
      const all = verdicts(text);
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((v) => (v.cheap === undefined) === (expected === 'falls back')), JSON.stringify(text)).toBe(true);
      expectAgreement(text);
    }
  });

  it('on corpus documents whose start is mutated', () => {
    const pieces = ['<?xml version="1.0"?>', ' ', '\n', '\r\n', '\uFEFF', '<!-- c -->', '<!-- vmdisk-disable unsafe-cache-in-production -->', '<!DOCTYPE d>', '<?pi x?>', '<', '>', '-->', '<!--', ']]>', 'ü', '😀'];
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.constantFrom(...pieces), { maxLength: 4 }), fc.nat({ max: 40 }), (file, inserted, cut) => {
        const text = xml[file % xml.length];
        expectAgreement(inserted.join('') + text.slice(Math.min(cut, text.indexOf('<domain') >= 0 ? text.indexOf('<domain') : 0)));
      }),
      { seed: FUZZ_SEED, numRuns: runs(60, 0.05) },
    );
  });
});
