import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/src/index';

/** The LSP range of a finding, read back from the text line by line, must be exactly the value. */
function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split(/\r\n|\r|\n/);
  expect(range.start.line).toBe(range.end.line);
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

describe('positions are LSP positions (0-based lines, UTF-16 characters)', () => {
  const xml = [
    "<!-- ünïcode 😀 comment -->",
    "<domain type='kvm'>",
    "\t<devices>",
    "\t\t<disk type='file' device='disk'><driver name='qemu' type='raw' cache='writeback' io='native'/>",
    "\t\t\t<source file='/var/lib/images/ünïcode-😀.raw'/><target dev='vda' bus='virtio'/>",
    '\t\t</disk>',
    '\t</devices>',
    '</domain>',
  ];
  for (const eol of ['\n', '\r\n']) {
    it(`finds the io value with ${JSON.stringify(eol)} line ends, tabs and astral characters`, () => {
      const text = xml.join(eol);
      const { diagnostics, disks } = analyze(text, { uri: 'file:///t.xml', languageId: 'xml' });
      const d = diagnostics.find((x) => x.code === 'native-aio-needs-direct')!;
      expect(d.range.start.line).toBe(3);
      expect(textAt(text, d.range)).toBe('native');
      expect(disks[0].source).toBe('/var/lib/images/ünïcode-😀.raw');
      expect(disks[0].range.start).toEqual({ line: 3, character: 2 });
    });
  }
  it('in a command line with a continuation and a non-ASCII path', () => {
    const text = "qemu-system-x86_64 \\\r\n\t-drive 'file=/img/ä 😀.raw,format=raw,if=virtio,cache=unsafe' \\\r\n\t-m 1024\r\n";
    const { diagnostics } = analyze(text, { uri: 'untitled:1', languageId: 'qemu-cmdline' });
    const d = diagnostics.find((x) => x.code === 'unsafe-cache-in-production')!;
    expect(d.range.start.line).toBe(1);
    expect(textAt(text, d.range)).toBe('unsafe');
  });
});
