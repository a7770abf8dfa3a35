import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/src/model';
import { parseDomainXml } from '../../../shared/src/parse/xml';

const at = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);

describe('comments, CDATA, processing instructions, DOCTYPE', () => {
  it('collects comments with their text and whole span', () => {
    const text = `<domain>\r\n  <devices>\r\n    <!-- vmdisk-disable-next-line native-aio-needs-direct -->\r\n    <disk><driver io='native'/></disk>\r\n  </devices>\r\n</domain><!--ü😀-->`;
    const { comments, disks } = parseDomainXml(text);
    expect(comments.map((c) => c.text)).toEqual([' vmdisk-disable-next-line native-aio-needs-direct ', 'ü😀']);
    expect(at(text, comments[0].span)).toBe('<!-- vmdisk-disable-next-line native-aio-needs-direct -->');
    expect(at(text, comments[1].span)).toBe('<!--ü😀-->');
    expect(disks).toHaveLength(1);
  });

  it('finds no disk in comments or CDATA that hold <disk> text', () => {
    const text = `<domain><devices>
  <!-- <disk type='file'><driver cache='unsafe'/><target dev='vdx'/></disk> -->
  <description><![CDATA[ <disk><target dev='vdy'/></disk> ]]></description>
  <disk><target dev='vda'/></disk>
</devices></domain>`;
    const { disks, problems } = parseDomainXml(text);
    expect(problems).toEqual([]);
    expect(disks.map((d) => d.name)).toEqual(['vda']);
  });

  it('skips the XML declaration and processing instructions holding tags', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<?editor <disk>?>\n<domain><devices><disk><target dev='vda'/></disk></devices></domain>`;
    const parsed = parseDomainXml(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.disks.map((d) => d.name)).toEqual(['vda']);
    expect(parsed.isDomain).toBe(true);
  });

  it('skips a DOCTYPE whose internal subset holds > and quotes', () => {
    const text = `<!DOCTYPE domain SYSTEM "x>y.dtd" [
  <!ENTITY a "<disk>">
  <!-- ]> -->
  <!ATTLIST disk type CDATA 'file'>
]>
<domain><devices><disk><target dev='vda'/></disk></devices></domain>`;
    const parsed = parseDomainXml(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.disks.map((d) => d.name)).toEqual(['vda']);
  });

  it('stays linear on an entity bomb (entities are never expanded)', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n`;
    const disk = `<disk><source file='&lol10;'/><target dev='vda'/></disk>`;
    const small = parseDomainXml(`${bomb}<domain><devices>${disk}</devices></domain>`);
    expect(small.disks[0].source?.value).toBe('&lol10;');
    // Expanded, &lol10; alone would be 3·10^10 characters; read as written the whole document is quick.
    const big = `${bomb}<domain><devices>${disk.repeat(20_000)}</devices></domain>`;
    const started = performance.now();
    const parsed = parseDomainXml(big);
    const elapsed = performance.now() - started;
    expect(parsed.disks).toHaveLength(20_000);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('reports an unclosed comment, CDATA section, processing instruction and DOCTYPE at their openers', () => {
    for (const [text, opener] of [
      ['<domain><devices><disk/></devices></domain><!-- never closed', '<!--'],
      ['<domain><![CDATA[ <disk/>', '<![CDATA['],
      ['<?xml version="1.0"', '<?'],
      ['<!DOCTYPE domain [ <!ENTITY a "b">', '<!DOCTYPE'],
    ] as const) {
      const problem = parseDomainXml(text).problems.find((p) => p.span.start === text.indexOf(opener));
      expect(at(text, problem?.span)).toBe(opener);
      expect(problem?.message).toMatch(/not closed/);
      expect(problem?.severity).toBe('error');
    }
  });

  it('keeps an unclosed comment as a comment up to the end', () => {
    const text = '<domain/><!-- vmdisk-disable unsafe-cache-in-production';
    const { comments } = parseDomainXml(text);
    expect(comments.map((c) => c.text)).toEqual([' vmdisk-disable unsafe-cache-in-production']);
  });
});
