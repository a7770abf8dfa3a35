/**
 * Hostile input through the core, under every language id: binary data, a 50 MB document, BOMs,
 * NUL bytes, entity bombs, external entities and DOCTYPEs. Each gets a clear result (a finding
 * that says what is wrong, or nothing for a file that is not ours) in bounded time and memory.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText, MAX_ANALYSED_LENGTH, type Analysis, type LanguageId } from '../../shared/src/analyze';
import { LANGUAGES } from '../fuzz/corpus';
import { checkAnalysis, timeBoundMs } from '../fuzz/invariants';
import { billionLaughs, DOMAIN, EXTERNAL_ENTITIES, randomBytes, SCRIPT, TRICKY_DOCTYPE } from './inputs';
import { findingsJson } from '../support/findings';

function analyse(text: string, languageId: LanguageId): { analysis: Analysis; ms: number } {
  const started = performance.now();
  const analysis = analyzeText(text, { languageId, uri: 'file:///hostile' });
  const ms = performance.now() - started;
  checkAnalysis(text, analysis);
  expect(ms, `analysis of ${text.length} characters as ${languageId}`).toBeLessThan(timeBoundMs(text.length));
  return { analysis, ms };
}

const codes = (a: Analysis) => a.findings.map((f) => f.code);

describe('binary files', () => {
  const binaries: Record<string, string> = {
    'random bytes read as UTF-8': randomBytes(1 << 20).toString('utf8'),
    'random bytes read as Latin-1': randomBytes(1 << 20).toString('latin1'),
    'the node executable read as Latin-1': readFileSync(process.execPath).subarray(0, 1 << 21).toString('latin1'),
  };
  for (const [name, text] of Object.entries(binaries)) {
    for (const languageId of LANGUAGES) {
      it(`${name}, as ${languageId}: no disks, at most a few syntax findings`, () => {
        const { analysis } = analyse(text, languageId);
        expect(analysis.disks).toEqual([]);
        expect(analysis.findings.length).toBeLessThanOrEqual(3);
        expect(new Set(codes(analysis))).toEqual(new Set(analysis.findings.length > 0 ? ['syntax-error'] : []));
      });
    }
  }
});

describe('a 50 MB document', () => {
  const huge = DOMAIN.replace('</devices>', `<!-- ${'x'.repeat(50 * 1024 * 1024)} --></devices>`);
  for (const languageId of LANGUAGES) {
    it(`as ${languageId}: one "too large to analyse" finding, at once`, () => {
      expect(huge.length).toBeGreaterThan(MAX_ANALYSED_LENGTH);
      const { analysis, ms } = analyse(huge, languageId);
      expect(analysis.findings).toHaveLength(1);
      expect(analysis.findings[0].message).toMatch(/too large to analyse/);
      expect(analysis.findings[0].span.start).toBe(0);
      expect(ms).toBeLessThan(2_000);
    });
  }

  it('just under the limit is analysed in full, within the bound', () => {
    const large = DOMAIN.replace('</devices>', `<!-- ${'x'.repeat(MAX_ANALYSED_LENGTH - DOMAIN.length - 20)} --></devices>`);
    expect(large.length).toBeLessThanOrEqual(MAX_ANALYSED_LENGTH);
    expect(codes(analyse(large, 'xml').analysis)).toEqual(codes(analyse(DOMAIN, 'xml').analysis));
  });
});

describe('byte order marks', () => {
  it('a UTF-8 BOM (U+FEFF first) changes nothing but the offsets', () => {
    for (const [text, languageId, code] of [[DOMAIN, 'xml', 'native-aio-needs-direct'], [SCRIPT, 'shellscript', 'native-aio-needs-direct'], [SCRIPT.split('\n').slice(1).join('\n'), 'qemu-cmdline', 'native-aio-needs-direct']] as const) {
      const plain = analyse(text, languageId).analysis;
      const bom = analyse(`\ufeff${text}`, languageId).analysis;
      expect(codes(bom), languageId).toEqual(codes(plain));
      expect(codes(bom)).toContain(code);
      expect(bom.findings.map((f) => f.span.start - 1)).toEqual(plain.findings.map((f) => f.span.start));
    }
  });

  it('UTF-16 read as if it were UTF-8 or Latin-1 (what a confused reader hands over): no disks, no crash', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DOMAIN, 'utf16le')]);
    for (const text of [le.toString('utf8'), le.toString('latin1')]) {
      for (const languageId of LANGUAGES) expect(analyse(text, languageId).analysis.disks).toEqual([]);
    }
  });
});

describe('NUL bytes', () => {
  const withNul = (text: string, after: string) => text.replace(after, `${after}\0`);
  const cases: [string, string, LanguageId][] = [
    ["an XML attribute value", withNul(DOMAIN, "cache='write"), 'xml'],
    ['between XML elements', withNul(DOMAIN, '</disk>'), 'xml'],
    ['a -drive value', withNul(SCRIPT, 'cache=write'), 'shellscript'],
    ['a .args file', withNul(SCRIPT.split('\n').slice(1).join('\n'), 'cache=write'), 'qemu-cmdline'],
  ];
  for (const [where, text, languageId] of cases) {
    it(`a NUL in ${where} is reported where it is`, () => {
      const at = text.indexOf('\0');
      const { analysis } = analyse(text, languageId);
      const atNul = analysis.findings.filter((f) => f.code === 'syntax-error' && f.span.start <= at && at < f.span.end);
      expect(atNul, JSON.stringify(analysis.findings.map((f) => [f.code, f.span, f.message]))).toHaveLength(1);
    });
  }

  it('a document of NUL bytes only: nothing to find, quickly', () => {
    for (const languageId of LANGUAGES) expect(analyse('\0'.repeat(1 << 20), languageId).analysis.disks).toEqual([]);
  });
});

describe('floods of problems', () => {
  // One diagnostic per broken construct would send hundreds of thousands of them to the editor.
  const floods: [string, string, LanguageId][] = [
    ['200,000 unclosed elements', `<domain><devices><disk>${'<a>'.repeat(200_000)}`, 'xml'],
    ["200,000 stray '&' in a value", `<domain><devices><disk><driver cache='${'&'.repeat(200_000)}'/></disk></devices></domain>`, 'xml'],
    ['200,000 stray end tags', `<domain>${'</b>'.repeat(200_000)}</domain>`, 'xml'],
    ['100,000 -drive options without a value', `qemu-system-x86_64 ${'-drive '.repeat(100_000)}`, 'shellscript'],
    ['a 200,000-character invalid cache value', `-drive file=/a.raw,if=virtio,cache=${'w'.repeat(200_000)}`, 'qemu-cmdline'],
  ];
  for (const [name, text, languageId] of floods) {
    it(`${name}: a bounded number of findings with bounded messages`, () => {
      const { analysis } = analyse(text, languageId);
      expect(analysis.findings.length).toBeGreaterThan(0);
      expect(analysis.findings.length).toBeLessThanOrEqual(1_000);
      for (const f of analysis.findings) expect(f.message.length).toBeLessThanOrEqual(1_000);
    });
  }
});

describe('entities and DOCTYPE', () => {
  it('billion laughs: nothing is expanded, the time and memory stay small, the disk is still read', () => {
    const text = billionLaughs();
    const heapBefore = process.memoryUsage().heapUsed;
    const { analysis, ms } = analyse(text, 'xml');
    expect(ms).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect(analysis.disks).toHaveLength(1);
    const { cache, source } = analysis.disks[0].disk;
    // Not expanded: read as written, and said so.
    expect(cache?.value).toBe('&lol9;');
    expect(source?.value.length).toBeLessThan(100);
    expect(analysis.findings.some((f) => f.code === 'syntax-error' && /&lol9;/.test(f.message))).toBe(true);
    for (const f of analysis.findings) expect(f.message.length).toBeLessThan(2_000);
  });

  it('external entities are never read: no file content reaches a value or a message', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    const { analysis } = analyse(EXTERNAL_ENTITIES, 'xml');
    expect(analysis.disks).toHaveLength(1);
    expect(analysis.disks[0].disk.source?.value).toBe('&passwd;');
    expect(findingsJson(analysis.findings)).not.toContain(passwd);
    expect(codes(analysis)).toContain('native-aio-needs-direct');
  });

  it('a DOCTYPE with an internal subset full of > ] and quotes: the disk after it is read exactly', () => {
    const { analysis } = analyse(TRICKY_DOCTYPE, 'xml');
    expect(analysis.kind).toBe('libvirt-xml');
    expect(analysis.disks.map((d) => d.disk.name)).toEqual(['vda']);
    const f = analysis.findings.find((x) => x.code === 'native-aio-needs-direct');
    expect(f && TRICKY_DOCTYPE.slice(f.span.start, f.span.end)).toBe('native');
  });

  it('a DOCTYPE cut anywhere never throws and never invents a disk', () => {
    for (let at = 0; at < TRICKY_DOCTYPE.indexOf('<domain'); at += 3) {
      const { analysis } = analyse(TRICKY_DOCTYPE.slice(0, at), 'xml');
      expect(analysis.disks).toEqual([]);
    }
  });
});
