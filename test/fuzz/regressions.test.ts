/**
 * Minimal reproducers of what the fuzzers found, kept so each stays fixed. The expected QEMU
 * behaviour was observed with qemu-system-x86_64 7.2 (query-named-block-nodes, exit status).
 */
import { describe, expect, it } from 'vitest';
import { analyzeText, type Analysis, type LanguageId } from '../../shared/src/analyze';
import { applyEdits } from '../support/edits';
import { checkAnalysis } from './invariants';

function analyse(text: string, languageId: LanguageId): Analysis {
  const analysis = analyzeText(text, { languageId });
  checkAnalysis(text, analysis);
  return analysis;
}

/**
 * Every fix of every finding: applied, the finding is gone (preferred fixes) and no error appears.
 * Where no safe fix exists, offering none is right too, unless `fixExpected`.
 */
function expectEveryFixWorks(text: string, languageId: LanguageId, fixExpected = false): void {
  const before = analyse(text, languageId);
  const errorsBefore = before.findings.filter((f) => f.severity === 'error').length;
  if (fixExpected) expect(before.findings.some((f) => f.fixes.length > 0), 'a fix to try').toBe(true);
  for (const finding of before.findings) {
    for (const fix of finding.fixes) {
      const fixed = applyEdits(text, fix.edits);
      const after = analyse(fixed, languageId);
      const label = `${finding.code} "${fix.title}" → ${JSON.stringify(fixed)}`;
      expect(after.findings.filter((f) => f.severity === 'error').length, label).toBeLessThanOrEqual(errorsBefore);
      if (fix.preferred) expect(after.findings.filter((f) => f.code === finding.code).length, label).toBeLessThan(before.findings.filter((f) => f.code === finding.code).length);
    }
  }
}

describe('found by fuzzing', () => {
  it('an invalid JSON escape before an emoji is marked with the whole emoji (seed 8484)', () => {
    const text = `-blockdev '{"driver":"file","filename":"/a","node-name":"f"}' -device '{"\\😀<driver":"virtio-blk-pci","drive":"f"}'\n`;
    const problem = analyse(text, 'qemu-cmdline').findings.find((f) => f.message.startsWith('invalid JSON: invalid escape'));
    expect(problem && text.slice(problem.span.start, problem.span.end)).toBe('\\😀');
  });

  it('no fix writes across a shell expansion that runs over a value (seed 7373)', () => {
    // `${…}` opened inside one value and closed in another: replacing the value would take its `}`.
    const text = "-drive ${cache=writethrough,aio=native<IMG:-/x.raw}/> -device virtio-blk-pci,drive=d0\n";
    const before = analyse(text, 'qemu-cmdline');
    expect(before.findings.filter((f) => f.code === 'invalid-value')).toEqual([]);
    expect(before.findings.every((f) => f.fixes.every((fix) => fix.edits.every((e) => e.span.end <= 7 || e.span.start >= 50)))).toBe(true);
    expectEveryFixWorks(text, 'qemu-cmdline');
  });

  it("a bare key=value key (QEMU's shorthand for key=on) is fixed to key=value, not replaced by the value", () => {
    // Found as `cache<=none` in a launch script: the shell reads `<` as a redirection, leaving `cache`.
    for (const [text, languageId] of [
      ['-drive file=/a.qcow2,if=none,id=d0,cache\n-device virtio-blk-pci,drive=d0\n', 'qemu-cmdline'],
      ['qemu-system-x86_64 -drive file=/a.qcow2,if=none,id=d0,cache<=none \\\n  -device virtio-blk-pci,drive=d0\n', 'shellscript'],
    ] as const) {
      const before = analyse(text, languageId);
      const invalid = before.findings.find((f) => f.code === 'invalid-value')!;
      expect(invalid.message).toContain("'cache' alone means cache=on, and 'on' is not a valid cache value");
      const fixed = applyEdits(text, invalid.fixes.find((f) => f.preferred)!.edits);
      expect(fixed).toContain('id=d0,cache=none');
      expect(analyse(fixed, languageId).findings.map((f) => f.code)).not.toContain('invalid-value');
      expectEveryFixWorks(text, languageId, true);
    }
  });

  it('XML: an attribute added to a tag whose last value has no closing quote goes before that attribute', () => {
    // Written after it, the new attribute was read as part of the open value, or its quote closed it.
    const text = `<domain>\n<devices>\n<disk type='file' device='disk'>\n  <driver name="qemu type='raw' io='threads'/>\n  <source file='/a.raw'/>\n  <target dev='vda'/>\n</disk>\n</devices>\n</domain>\n`;
    const before = analyse(text, 'xml');
    const migration = before.findings.find((f) => f.code === 'migration-unsafe-cache')!;
    const fixed = applyEdits(text, migration.fixes.find((f) => f.preferred)!.edits);
    expect(fixed).toContain(`<driver cache="none" name="qemu type='raw' io='threads'/>`);
    expect(analyse(fixed, 'xml').findings.map((f) => f.code)).not.toContain('migration-unsafe-cache');
    expectEveryFixWorks(text, 'xml', true);
  });

  it('names of Object.prototype properties as attributes or option keys do not crash the analysis', () => {
    analyse("<domain><devices><disk><driver name='qemu' constructor='x'/></disk></devices></domain>", 'xml');
    analyse('-drive file=/a.raw,if=virtio,toString=on', 'qemu-cmdline');
    analyse(`-blockdev '{"driver":"file","filename":"/a.raw","node-name":"s0","hasOwnProperty":1}' -device virtio-blk-pci,drive=s0`, 'qemu-cmdline');
  });

  it('an aio value named like an Object.prototype property is not a valid AIO mode', () => {
    const a = analyse('-drive file=/a.raw,if=virtio,cache=none,aio=toString', 'qemu-cmdline');
    expect(a.disks[0].effective.aio).toBe('threads');
    expect(a.findings.map((f) => f.code)).toContain('invalid-value');
  });

  it('a half-typed line ending in a backslash at the end of a .args file is a continuation, not an image named "\\"', () => {
    const a = analyse('-drive file=/a.raw,if=virtio,cache=none \\', 'qemu-cmdline');
    expect(a.disks.map((d) => d.disk.source?.value)).toEqual(['/a.raw']);
  });

  it('XML: "Attributes must be separated by whitespace" at an emoji covers the whole character', () => {
    const text = "<domain><devices><disk><source file='a'😀/></disk></devices></domain>";
    const a = analyse(text, 'xml');
    const f = a.findings.find((x) => x.message.includes('separated by whitespace'));
    expect(f && text.slice(f.span.start, f.span.end)).toBe('😀');
  });

  it('JSON: "expected a quoted key" at an emoji covers the whole character', () => {
    const text = "-blockdev '{😀'";
    const a = analyse(text, 'qemu-cmdline');
    const f = a.findings.find((x) => x.message.includes('quoted key'));
    expect(f && text.slice(f.span.start, f.span.end)).toBe('😀');
  });

  it('JSON: a CR LF inside a string is reported with a range that ends on a real position, not between CR and LF', () => {
    const text = `-blockdev '{"driver":"file","filename":"/a\r\n.raw"}'\r\n`;
    const a = analyse(text, 'qemu-cmdline');
    expect(a.findings.some((f) => f.message.includes('control character'))).toBe(true);
  });

  it('-hda and bare image names take a whole file name: a fix must not append options to it', () => {
    expectEveryFixWorks('-hda /var/lib/images/a.raw\n', 'qemu-cmdline');
    expectEveryFixWorks('-m 512 /var/lib/images/a.raw\n', 'qemu-cmdline');
  });

  it('no fix edits a JSON value that does not parse (it would write ",,")', () => {
    // In a shell script a backslash-newline inside single quotes stays in the word, so this JSON is broken.
    expectEveryFixWorks(`qemu-system-x86_64 -blockdev '{"driver":"file","filename":"/a.raw",\\\n"node-name":"s0"}' -device virtio-blk-pci,drive=s0,id=vd0\n`, 'shellscript');
  });

  it('a JSON -device gets "write-cache":"off", the value QEMU accepts, not false', () => {
    expectEveryFixWorks(`-blockdev '{"driver":"file","filename":"/a.raw","node-name":"s0"}' -device '{"driver":"virtio-blk-pci","drive":"s0","id":"vd0"}'\n`, 'qemu-cmdline', true);
  });

  it('a -blockdev named by reference does not inherit cache.direct from its parent (QEMU opens s0 without O_DIRECT and refuses aio=native)', () => {
    const text = `qemu-system-x86_64 -blockdev '{"driver":"file","filename":"/a.raw","node-name":"s0","aio":"native"}' -blockdev '{"driver":"raw","node-name":"f0","file":"s0","cache":{"direct":true}}' -device virtio-blk-pci,drive=f0,id=vd0\n`;
    const a = analyse(text, 'shellscript');
    expect(a.disks.map((d) => d.effective.direct)).toEqual([false]);
    expect(a.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toContain('native-aio-needs-direct');
  });

  it('a fix for a chain of referenced -blockdev nodes sets cache.direct on the node that opens the image, not on a filter above it', () => {
    expectEveryFixWorks(
      `-blockdev '{"driver":"file","filename":"/a.qcow2","node-name":"s0"}' -blockdev '{"node-name":"f0","driver":"qcow2","file":"s0"}' -blockdev '{"driver":"copy-on-read","node-name":"c0","file":"f0"}' -device virtio-blk-pci,drive=c0,id=vd0\n`,
      'qemu-cmdline',
    );
  });

  it('a second bare image name is an error (QEMU: "drive with bus=0, unit=0 (index=0) exists"), not a second hda', () => {
    const text = 'qemu-system-x86_64 /a.raw /b.raw\n';
    const a = analyse(text, 'shellscript');
    expect(a.disks).toHaveLength(1);
    const at = text.indexOf('/b.raw');
    expect(a.findings.some((f) => f.severity === 'error' && f.span.start === at)).toBe(true);
  });

  it('a -blockdev JSON cut short by a shell quote gets no fix at its insertion point, which lies past the broken value', () => {
    // The quote before 1 ends the single-quoted word: the JSON key then holds raw line breaks.
    expectEveryFixWorks(`qemu-system-x86_64 \\\n-blockdev '{"driver":"nvme","device":"0000:01:00.0","namespace":1," x='1'\nEOF\n<node-name":"n4","read-only":false}' \\\n-device '{"driver":"virtio-blk-pci","drive":"n4","id":"vd0"}'\n`, 'shellscript');
  });

  it('a value quoted from its middle is replaced through its closing quote, not up to it', () => {
    const text = "-drive file=/a.raw,if=virtio,cache=none,cache.direct=onio='__proto__'<x\n";
    const a = analyse(text, 'qemu-cmdline');
    const invalid = a.findings.find((f) => f.code === 'invalid-value')!;
    expect(text.slice(invalid.span.start, invalid.span.end)).toBe("onio='__proto__'");
    expectEveryFixWorks(text, 'qemu-cmdline', true);
    // Quoted at its start only: the span takes in the opening quote.
    const start = "-drive file=/a.raw,if=virtio,cache=none,discard='unmap'x\n";
    const a2 = analyse(start, 'qemu-cmdline');
    const invalid2 = a2.findings.find((f) => f.code === 'invalid-value')!;
    expect(start.slice(invalid2.span.start, invalid2.span.end)).toBe("'unmap'x");
    expectEveryFixWorks(start, 'qemu-cmdline', true);
    // Its quote pairs with one beyond the next comma: no fix may write into that -drive.
    const far = "-drive file=/a.raw,if=virtio,cache=none,discard=un'mapp,x=y'\n";
    const a4 = analyse(far, 'qemu-cmdline');
    expect(a4.findings.some((f) => f.code === 'invalid-value')).toBe(true);
    expect(a4.findings.flatMap((f) => f.fixes)).toEqual([]);
    // Quoted whole: the quotes stay, the fix writes inside them.
    const whole = "-drive file=/a.raw,if=virtio,cache=none,discard='unmapx'\n";
    const invalid3 = analyse(whole, 'qemu-cmdline').findings.find((f) => f.code === 'invalid-value')!;
    expect(whole.slice(invalid3.span.start, invalid3.span.end)).toBe('unmapx');
  });

  it('a -drive cut off after a trailing comma and a backslash gets no appended option (it would be escaped into the value)', () => {
    // In a shell script a backslash at the very end stays in the word (in a .args file it is a continuation).
    const text = 'qemu-system-x86_64 -drive file=/a.raw,format=raw,if=virtio,\\';
    const a = analyse(text, 'shellscript');
    expect(a.disks).toHaveLength(1);
    for (const f of a.findings) for (const fix of f.fixes) for (const e of fix.edits) expect(e.span.start).toBeLessThan(text.length - 1);
    expectEveryFixWorks(text, 'shellscript');
  });
});
