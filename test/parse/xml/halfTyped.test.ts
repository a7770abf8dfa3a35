import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/src/model';
import { parseDomainXml } from '../../../shared/src/parse/xml';

const at = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);

/** A domain with one disk whose middle line is `line`, then a second, intact disk. */
function domainWith(line: string, eol = '\n'): string {
  return [
    "<domain type='kvm'>",
    '  <devices>',
    "    <disk type='file' device='disk'>",
    line,
    "      <source file='/var/lib/images/ünïcode-😀.qcow2'/>",
    "      <target dev='vda' bus='virtio'/>",
    '    </disk>',
    "    <disk type='file'><driver name='qemu' cache='directsync'/><target dev='vdb'/></disk>",
    '  </devices>',
    '</domain>',
  ].join(eol);
}

describe('half-typed documents', () => {
  it('reads a <driver> cut after `io=` and reports the attribute and the tag', () => {
    const text = domainWith("      <driver cache='none' io=");
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => d.name)).toEqual(['vda', 'vdb']);
    expect(disks[0].cache?.value).toBe('none');
    expect(disks[0].aio).toBeNull();
    expect(disks[0].source?.value).toBe('/var/lib/images/ünïcode-😀.qcow2');
    expect(problems.map((p) => at(text, p.span))).toEqual(['<driver', 'io']);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  for (const [label, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`takes the rest of the line as a value whose closing quote is missing (${label})`, () => {
      const text = domainWith("\t\t<driver cache='none' io='native/>", eol);
      const { disks, problems } = parseDomainXml(text);
      expect(disks.map((d) => d.name)).toEqual(['vda', 'vdb']);
      expect(at(text, disks[0].aio?.span)).toBe('native');
      expect(disks[0].aio?.value).toBe('native');
      expect(problems).toHaveLength(1);
      expect(at(text, problems[0].span)).toBe("'native");
      expect(problems[0].message).toContain('closing quote');
    });
  }

  it('reads an unclosed start tag and goes on with the next tag', () => {
    const text = domainWith("      <driver cache='none' io='native'");
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => [d.name, d.cache?.value, d.aio?.value])).toEqual([
      ['vda', 'none', 'native'],
      ['vdb', 'directsync', undefined],
    ]);
    expect(problems.map((p) => at(text, p.span))).toEqual(['<driver']);
  });

  it('keeps a <disk> whose start tag is not closed open for its children', () => {
    const text = `<domain><devices>\n<disk type='file'\n  <driver cache='none'/>\n  <target dev='vda'/>\n</disk>\n</devices></domain>`;
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => [d.name, d.cache?.value])).toEqual([['vda', 'none']]);
    expect(problems.map((p) => at(text, p.span))).toEqual(['<disk']);
  });

  it('yields every disk read so far when the text ends in the middle of one', () => {
    const full = domainWith("      <driver name='qemu' type='qcow2' cache='none'/>");
    const cut = full.slice(0, full.indexOf('<target'));
    const { disks, problems } = parseDomainXml(cut);
    expect(disks).toHaveLength(1);
    expect(disks[0].cache?.value).toBe('none');
    expect(disks[0].span.end).toBe(cut.trimEnd().length);
    expect(problems.map((p) => at(cut, p.span))).toEqual(['<domain', '<devices', '<disk']);
    expect(problems[0].message).toContain('not closed');
  });

  it('reads a value cut by the end of the text', () => {
    const text = "<domain><devices><disk type='file'><driver cache='none'/><source file='/var/lib/a.im";
    const { disks, problems } = parseDomainXml(text);
    expect(disks[0].source?.value).toBe('/var/lib/a.im');
    expect(problems.map((p) => at(text, p.span))).toEqual(['<domain', '<devices', '<disk', "'/var/lib/a.im"]);
  });

  it('reports a stray < and reads on', () => {
    const text = domainWith('      < ');
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => d.name)).toEqual(['vda', 'vdb']);
    expect(problems).toHaveLength(1);
    expect(problems[0].span).toEqual({ start: text.indexOf('< '), end: text.indexOf('< ') + 1 });
  });

  it('closes a disk that is not closed when the next <disk> starts', () => {
    const text = `<domain><devices>\n<disk><target dev='vda'/>\n<disk><target dev='vdb'/></disk>\n</devices></domain>`;
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => d.name)).toEqual(['vda', 'vdb']);
    expect(at(text, disks[0].span)).toBe("<disk><target dev='vda'/>");
    expect(problems).toHaveLength(1);
    expect(problems[0].span.start).toBe(text.indexOf('<disk'));
  });

  it('reports mismatched end tags at the tags', () => {
    const text = `<domain><devices><disk><target dev='vda'/><source file='/a'></disk></device></devices></domain>`;
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => [d.name, d.source?.value])).toEqual([['vda', '/a']]);
    expect(problems.map((p) => [at(text, p.span), p.span.start])).toEqual([
      ['<source', text.indexOf('<source')],
      ['device', text.indexOf('device>')],
    ]);
  });

  it('reports an attribute value without quotes, and junk in a tag', () => {
    const text = `<disk><driver cache=none io='native' ; /><target dev='vda'/></disk>`;
    const { disks, problems } = parseDomainXml(text);
    expect(disks[0].cache).toBeNull();
    expect(disks[0].aio?.value).toBe('native');
    expect(problems.map((p) => at(text, p.span))).toEqual(['none', ';']);
  });

  it('reports attributes that run together', () => {
    const text = `<disk><driver cache='none'io='native'/></disk>`;
    const { disks, problems } = parseDomainXml(text);
    expect([disks[0].cache?.value, disks[0].aio?.value]).toEqual(['none', 'native']);
    expect(problems.map((p) => p.span.start)).toEqual([text.indexOf("io='")]);
  });

  it('reports an end tag that is not closed and an empty end tag', () => {
    const text = `<domain><devices><disk><target dev='vda'/></disk</devices></ ></domain>`;
    const { disks, problems } = parseDomainXml(text);
    expect(disks.map((d) => d.name)).toEqual(['vda']);
    expect(problems.map((p) => at(text, p.span))).toEqual(['</disk', '</']);
  });
});

const CORPUS = '/work/shared/corpus/libvirt';
const samples = ['latest/disk-mirror.xml', 'latest/disk-network-rbd.xml', 'v4.0.0/qemu-ns.xml', 'latest/disk-cache.xml'].map((f) =>
  readFileSync(join(CORPUS, f), 'utf8'),
);

describe('never throws, never hangs', () => {
  it('survives any cut and any inserted markup character in real domain XML', () => {
    const noise = fc.constantFrom('<', '>', "'", '"', '&', '/', '=', '<!--', ']]>', '<![CDATA[', '<?', '</', '\r\n', '😀', ' ', '<disk>', '</disk>');
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.nat(), fc.nat(), fc.array(noise, { maxLength: 4 }), (which, cutAt, insertAt, inserted) => {
        const source = samples[which];
        const cut = source.slice(0, cutAt % (source.length + 1));
        const i = insertAt % (cut.length + 1);
        const text = cut.slice(0, i) + inserted.join('') + cut.slice(i);
        const parsed = parseDomainXml(text);
        for (const d of parsed.disks) {
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
          expect(d.span.start).toBeLessThan(d.span.end);
          for (const s of [d.source, d.cache, d.aio, d.format]) {
            if (s) expect(text.slice(s.keySpan.start, s.keySpan.end)).toBe(s.key);
          }
        }
        for (const p of parsed.problems) {
          expect(p.span.start).toBeGreaterThanOrEqual(0);
          expect(p.span.end).toBeLessThanOrEqual(text.length);
          expect(p.span.start).toBeLessThanOrEqual(p.span.end);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds every disk of every prefix of a document, with problems only where text is missing', () => {
    const text = samples[0];
    const ends = [...text.matchAll(/<\/disk>/g)].map((m) => m.index! + '</disk>'.length);
    for (let n = 1; n <= text.length; n++) {
      const parsed = parseDomainXml(text.slice(0, n));
      expect(parsed.disks.length).toBeGreaterThanOrEqual(ends.filter((e) => e <= n).length);
      if (n < text.trimEnd().length) expect(parsed.problems.length).toBeGreaterThan(0);
    }
  });
});
