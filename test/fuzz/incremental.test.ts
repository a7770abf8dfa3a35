/**
 * `reanalyzeEdit` against the truth: after any edit, an incremental analysis, when it answers at
 * all, must equal a full analysis of the new text — disks, flags, findings with their fixes,
 * comments and problems, offsets included.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText, type Analysis } from '../../shared/src/analyze';
import { reanalyzeEdit, type TextChange } from '../../shared/src/incremental';
import { EditedText, type TextUnits } from '../../shared/src/text/editedText';
import { plainFindings } from '../support/findings';
import { loadCorpus, type CorpusFile } from './corpus';
import { FUZZ_SEED, replayHint, runs } from './fuzzConfig';
import { PIECES } from './mutations';

const OPTIONS = { languageId: 'xml', uri: 'file:///incremental.xml' } as const;

/** Everything an analysis says, as comparable text. */
function said(a: Analysis): string {
  const lines = Array.from({ length: a.lines.lineCount }, (_, i) => a.lines.lineStart(i));
  return JSON.stringify({ kind: a.kind, text: a.text, disks: a.disks, findings: plainFindings(a.findings), comments: a.comments, problems: a.problems, lines });
}

function edit(text: string, change: TextChange, inserted: string): string {
  return text.slice(0, change.start) + inserted + text.slice(change.end);
}

/** Incremental where possible; returns whether it was possible, after checking it against a full analysis. */
function checkEdit(text: string, start: number, end: number, inserted: string): boolean {
  const change = { start, end, newLength: inserted.length };
  const next = edit(text, change, inserted);
  const full = analyzeText(next, OPTIONS);
  const previous = analyzeText(text, OPTIONS);
  // Fixes are built when first read: half of them before the edit (they are moved with their
  // disk), the others after it (built from the moved disk and the new text).
  previous.findings.forEach((f, i) => i % 2 === 0 && f.fixes);
  // As the server hands it over: the edited text in pieces, not joined.
  const incremental = reanalyzeEdit(previous, change, EditedText.edit(text, start, end, inserted), OPTIONS);
  if (incremental) expect(said(incremental)).toBe(said(full));
  return incremental !== undefined;
}

let xml: CorpusFile[];
beforeAll(() => {
  xml = loadCorpus().filter((f) => f.languageId === 'xml' && analyzeText(f.text, OPTIONS).disks.length > 1);
  console.log(replayHint());
});

describe('incremental re-analysis equals a full analysis', () => {
  it('for random edits in and between the disks of corpus documents', () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat({ max: 12 }), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), (file, where, length, inserted) => {
        const text = xml[file % xml.length].text;
        const disks = analyzeText(text, OPTIONS).disks.filter((d) => d.disk.syntax === 'libvirt-xml');
        // Land mostly inside a disk or just around one, where typing happens.
        const d = disks[where % disks.length].disk;
        const span = d.span.end - d.span.start + 20;
        const start = Math.max(0, Math.min(text.length, d.span.start - 10 + (where % span)));
        const end = Math.min(text.length, start + length);
        total++;
        if (checkEdit(text, start, end, inserted)) answered++;
      }),
      { seed: FUZZ_SEED, numRuns: runs(400, 0.5) },
    );
    // The property is only worth something if the incremental path is taken often.
    expect(answered / total).toBeGreaterThan(0.2);
  });

  it('for chains of edits, each re-analysing the last, with fixes built and disks read in between', () => {
    // Moves of disks are written when the disks are next read (DiskOffsets): they pile up over
    // edits, and a fix built in between settles its own disk only.
    let steps = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('x', '', '\n', "cache='none' ", 'ab'), fc.constantFrom('fix', 'disks', 'nothing')), {
          minLength: 2,
          maxLength: 12,
        }),
        (file, edits) => {
          let text = xml[file % xml.length].text;
          let analysis = analyzeText(text, OPTIONS);
          for (const [where, length, inserted, read] of edits) {
            const xmlDisks = analysis.offsets.xmlCount;
            if (xmlDisks === 0) break;
            // Inside a disk most of the time: its offsets, perhaps still behind, are where it is now.
            const i = where % xmlDisks;
            const start = Math.min(text.length, analysis.offsets.start(i) + 1 + (where % 40));
            const change = { start, end: Math.min(text.length, start + length), newLength: inserted.length };
            const next = edit(text, change, inserted);
            const incremental = reanalyzeEdit(analysis, change, EditedText.edit(text, change.start, change.end, inserted), OPTIONS);
            text = next;
            analysis = incremental ?? analyzeText(text, OPTIONS);
            if (incremental) steps++;
            if (read === 'fix') analysis.findings[where % Math.max(1, analysis.findings.length)]?.fixes;
            if (read === 'disks') void analysis.disks;
          }
          // Fixes first, so that they are built from disks settled one by one.
          const findings = plainFindings(analysis.findings);
          expect(JSON.stringify(findings)).toBe(JSON.stringify(plainFindings(analyzeText(text, OPTIONS).findings)));
          expect(said(analysis)).toBe(said(analyzeText(text, OPTIONS)));
        },
      ),
      { seed: FUZZ_SEED, numRuns: runs(150, 0.5) },
    );
    expect(steps).toBeGreaterThan(100);
  });

  it('for typing inside a value, on a CRLF document with tabs and non-ASCII text', () => {
    const text = [
      '<domain type="kvm">\r\n\t<devices>\r\n',
      "\t\t<disk type='file' device='disk'>\r\n\t\t\t<driver name='qemu' type='qcow2' cache='writeback' io='native'/>\r\n\t\t\t<source file='/images/ünï-😀.qcow2'/>\r\n\t\t\t<target dev='vda' bus='virtio'/>\r\n\t\t</disk>\r\n",
      '\t\t<!-- second disk: ß -->\r\n',
      "\t\t<disk type='file' device='disk'>\r\n\t\t\t<driver name='qemu' type='raw' cache='unsafe'/>\r\n\t\t\t<source file='/images/b.raw'/>\r\n\t\t\t<target dev='vdb' bus='virtio'/>\r\n\t\t</disk>\r\n",
      '\t</devices>\r\n</domain>\r\n',
    ].join('');
    const at = text.indexOf('😀') + 2;
    expect(checkEdit(text, at, at, 'x')).toBe(true);
    // A new line inside the first disk moves every finding of the second one down.
    expect(checkEdit(text, at, at, '\r\n')).toBe(true);
    // The cache word of the first disk, typed over: its findings change, the second disk's stay.
    const cache = text.indexOf("cache='writeback'") + 7;
    expect(checkEdit(text, cache, cache + 9, 'none')).toBe(true);
    // Between the disks, inside a comment.
    const comment = text.indexOf('ß');
    expect(checkEdit(text, comment, comment + 1, 'ss')).toBe(true);
  });

  it('follows an attribute typed one character at a time, half-typed states and their syntax problems included', () => {
    const disk = (dev: string) => `    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw' io='native'/>\n      <source file='/i/${dev}.raw'/>\n      <target dev='${dev}'/>\n    </disk>\n`;
    let text = `<domain>\n  <devices>\n${disk('vda')}${disk('vdb')}${disk('vdc')}  </devices>\n</domain>\n`;
    let at = text.indexOf("io='native'", text.indexOf('vdb') - 150) + "io='native'".length;
    expect(text.slice(at - 11, at)).toBe("io='native'");
    const states: string[] = [];
    for (const c of " cache='none'") {
      expect(checkEdit(text, at, at, c)).toBe(true);
      text = edit(text, { start: at, end: at, newLength: 1 }, c);
      at++;
      states.push(analyzeText(text, OPTIONS).findings.map((f) => f.code).join(','));
    }
    // On the way: the attribute without a value, and its value without a closing quote, were syntax errors.
    expect(states.some((s) => s.includes('syntax-error'))).toBe(true);
    expect(states[states.length - 1]).not.toContain('syntax-error');
  });

  it('moves a node two <qemu:commandline> disks share once, and reports its finding once', () => {
    // Two format nodes over one file node: QEMU refuses it, but the model holds both disks.
    const arg = (value: string) => `    <qemu:arg value='${value}'/>\n`;
    const text =
      `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n  <devices>\n` +
      `    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw' cache='none'/>\n      <source file='/i/a.raw'/>\n      <target dev='vda'/>\n    </disk>\n` +
      `  </devices>\n  <qemu:commandline>\n` +
      ['-blockdev', 'driver=file,filename=/i/b.raw,node-name=f0,aio=bogus', '-blockdev', 'driver=raw,file=f0,node-name=r1', '-blockdev', 'driver=raw,file=f0,node-name=r2']
        .concat(['-device', 'virtio-blk-pci,drive=r1', '-device', 'virtio-blk-pci,drive=r2'])
        .map(arg)
        .join('') +
      `  </qemu:commandline>\n</domain>\n`;
    const full = analyzeText(text, OPTIONS);
    expect(full.disks.map((d) => d.disk.name)).toEqual(['vda', 'r1', 'r2']);
    expect(full.findings.filter((f) => f.code === 'invalid-value')).toHaveLength(1);
    const at = text.indexOf('/i/a.raw') + 3;
    expect(checkEdit(text, at, at, 'xyz')).toBe(true);
  });

  it('declines what it cannot read alone, and the full analysis then speaks', () => {
    const disk = (dev: string, extra = '') => `    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw' cache='none'${extra}/>\n      <source file='/i/${dev}.raw'/>\n      <target dev='${dev}'/>\n    </disk>\n`;
    const text = `<domain>\n  <devices>\n${disk('vda')}${disk('vdb')}  </devices>\n</domain>\n`;
    const second = text.indexOf('<disk', text.indexOf('vda'));
    // A half-typed tag is a syntax problem in the region.
    expect(checkEdit(text, second + 10, second + 10, '<')).toBe(false);
    // A disk that loses its target is named by its place in the document.
    const target = text.indexOf("<target dev='vdb'/>");
    expect(checkEdit(text, target, target + "<target dev='vdb'/>".length, '')).toBe(false);
    // A new disk typed between two others.
    expect(checkEdit(text, second, second, disk('vdc'))).toBe(false);
    // Before the first disk the scanner's stack differs from a region's.
    expect(checkEdit(text, 3, 3, ' ')).toBe(false);
    // A pragma comment: which findings it silences is a document-wide question.
    expect(checkEdit(text, second, second, '<!-- vmdisk-disable-next-line migration-unsafe-cache -->\n')).toBe(false);
  });
});

describe('incremental re-analysis memory', () => {
  it('keeps no old version of the document alive: 300 edits leave the heap where one analysis puts it', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      for (let i = 0; i < 3; i++) gc();
      return process.memoryUsage().heapUsed;
    };
    const disk = (i: number) => `    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw' cache='writeback'/>\n      <source file='/var/lib/libvirt/images/guest-${i}.raw'/>\n      <target dev='vd${i}' bus='virtio'/>\n    </disk>\n`;
    let text = `<domain type='kvm'>\n  <devices>\n${Array.from({ length: 400 }, (_, i) => disk(i)).join('')}  </devices>\n</domain>\n`;
    let analysis = analyzeText(text, OPTIONS);
    let units: TextUnits = text;
    const before = heap();
    for (let i = 0; i < 300; i++) {
      // Type one character into the path of another disk each time, as the keystroke benchmark does:
      // each re-read disk would keep the version of the text it was read from, and so would
      // edited texts that held on to the texts they were made from.
      const at = text.indexOf(`guest-${i + 50}.raw`) + 6;
      const change = { start: at, end: at, newLength: 1 };
      text = edit(text, change, 'x');
      units = EditedText.edit(units, at, at, 'x');
      const next = reanalyzeEdit(analysis, change, units, OPTIONS);
      expect(next).toBeDefined();
      analysis = next!;
    }
    const grown = heap() - before;
    // Values sliced from each version of the text would keep 300 versions alive: over 20 MB.
    expect(grown).toBeLessThan(3 * 1024 * 1024);
    expect(said(analysis)).toBe(said(analyzeText(text, OPTIONS)));
  });
});
