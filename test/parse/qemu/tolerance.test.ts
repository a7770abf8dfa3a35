import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disksFromQemuArgs } from '../../../shared/src/parse/qemu';
import type { SyntaxProblem } from '../../../shared/src/model';
import { parseArgs, parseScript, slice } from './helpers';

describe('half-typed input', () => {
  it('reads a drive whose last value is still empty and points at it', () => {
    const text = 'qemu-system-x86_64 -drive file=x.img,cache=';
    const doc = parseArgs(text);
    expect(doc.disks).toHaveLength(1);
    expect(doc.disks[0].cache).toMatchObject({ value: '', span: { start: text.length, end: text.length } });
    expect(doc.problems.map((p) => [p.message, slice(text, p.span)])).toEqual([["missing value for 'cache'", 'cache=']]);
  });

  it('inserts before a trailing comma so an appended key does not form a ,, escape', () => {
    const text = 'qemu-system-x86_64 -drive file=x.img,';
    const doc = parseArgs(text);
    expect(doc.problems).toEqual([]);
    expect(doc.disks[0].groups.driver?.insertAt).toBe(text.length - 1);
    expect(doc.disks[0].source?.value).toBe('x.img');
  });

  it('reports an option left without its argument', () => {
    for (const text of ['qemu-system-x86_64 -hda a.img -drive', 'qemu-system-x86_64 -drive -hda a.img']) {
      const doc = parseArgs(text);
      expect(doc.disks.map((d) => d.source?.value)).toEqual(['a.img']);
      expect(doc.problems.map((p) => [p.message, slice(text, p.span)])).toEqual([["'-drive' needs an argument", '-drive']]);
    }
  });

  it('reads an unterminated quote up to the end of its line', () => {
    const text = "qemu-system-x86_64 -hda a.img -drive 'file=b.img,cache=none";
    const doc = parseArgs(text);
    expect(doc.disks.map((d) => d.source?.value)).toEqual(['a.img', 'b.img']);
    expect(slice(text, doc.disks[1].cache?.span)).toBe('none');
    expect(doc.problems.map((p) => p.message)).toEqual(['unterminated single quote']);
  });

  it('reads a half-typed JSON device as far as it goes', () => {
    const text = `qemu-system-x86_64 -drive if=none,id=d0,file=a.img -device '{"driver":"virtio-blk-pci","drive":"d0","write-cache":`;
    const doc = parseArgs(text);
    expect(doc.disks).toHaveLength(1);
    expect(doc.disks[0].groups.device?.kind).toBe('-device');
    expect(doc.problems.map((p) => p.message)).toEqual(['unterminated single quote', 'invalid JSON: expected a JSON value, found the end']);
  });

  it('never throws, and keeps every span inside the text, on arbitrary input (property)', () => {
    const token = fc.constantFrom(
      'qemu-system-x86_64', ' ', '\n', '\\\n', '\r\n', '-drive', '-blockdev', '-device', '-hda', '-snapshot', 'file=a.img', ',', ',,',
      'if=none', 'id=d0', 'drive=d0', 'node-name=d0', 'file=d0', "'", '"', '{"driver":"file"', ',"file":{', '}', '"cache":{"direct":true}',
      'cache=', 'aio=native', '#', '😀', 'ü', '$(', ')', '|', ';', '=', 'driver=qcow2', 'file.driver=file', 'backing=d0',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.boolean(), (parts, shell) => {
        const text = parts.join('');
        const doc = shell ? parseScript(text) : parseArgs(text);
        const spans = [
          ...doc.problems.map((p) => p.span),
          ...doc.comments.map((c) => c.span),
          ...doc.disks.flatMap((d) => [d.span, d.anchor, d.source?.span, d.cache?.span, d.aio?.span, d.writeCache?.span]),
        ];
        for (const s of spans) {
          if (!s) continue;
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThanOrEqual(s.end);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('disksFromQemuArgs on argv words (libvirt <qemu:arg> values)', () => {
  it('reads each value as one word with offsets into the XML document', () => {
    const xml = `<qemu:arg value='-drive'/><qemu:arg value='file=/x.img,if=none,id=extra,cache=none'/><qemu:arg value='-device'/><qemu:arg value='virtio-blk-pci,drive=extra,write-cache=on'/>`;
    const values = [...xml.matchAll(/value='([^']*)'/g)].map((m) => ({ text: m[1], start: m.index! + "value='".length }));
    const problems: SyntaxProblem[] = [];
    const disks = disksFromQemuArgs(values, problems);
    expect(problems).toEqual([]);
    expect(disks).toHaveLength(1);
    expect(slice(xml, disks[0].cache?.span)).toBe('none');
    expect(slice(xml, disks[0].writeCache?.span)).toBe('on');
    expect(slice(xml, disks[0].anchor)).toBe('-device');
    expect(disks[0].groups.device?.insertAt).toBe(xml.indexOf(`write-cache=on'`) + 'write-cache=on'.length);
  });
});
