/**
 * Generated domains, written in every way XML allows (either quote, any whitespace between
 * attributes, entities, comments, non-ASCII), read by us and by fast-xml-parser: same disks.
 */
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../../shared/src/parse/xml';

type Attrs = [string, string][];

const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', ' \r\n\t ');
const valueChar = fc.constantFrom('a', 'Z', '0', '/', '.', '-', ' ', 'ü', '😀', '&', '<', '>', '"', "'", 'ī');
const value = fc.array(valueChar, { maxLength: 12 }).map((cs) => cs.join(''));

/** `>` may stand as it is in an attribute value; odd positions write it as `&gt;`. */
function escape(v: string, quote: string): string {
  return v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, (_, at: number) => (at % 2 ? '&gt;' : '>'))
    .replace(quote === "'" ? /'/g : /"/g, quote === "'" ? '&apos;' : '&quot;');
}

const tag = (name: string, attrs: Attrs, quotes: string[], spaces: string[], selfClosing: boolean) =>
  `<${name}${attrs.map(([k, v], i) => `${spaces[i % spaces.length]}${k}=${quotes[i % quotes.length]}${escape(v, quotes[i % quotes.length])}${quotes[i % quotes.length]}`).join('')}${spaces[0]}${selfClosing ? '/>' : '>'}`;

const diskSpec = fc.record({
  type: fc.option(fc.constantFrom('file', 'block', 'network', 'volume', 'dir')),
  device: fc.option(fc.constantFrom('disk', 'cdrom', 'lun', 'floppy')),
  driver: fc.option(fc.record({ cache: fc.option(value), io: fc.option(value), type: fc.option(value) })),
  source: fc.option(fc.record({ file: fc.option(value), dev: fc.option(value), name: fc.option(value), volume: fc.option(value) })),
  dev: fc.option(value),
  backing: fc.boolean(),
  comment: fc.boolean(),
  quotes: fc.array(fc.constantFrom("'", '"'), { minLength: 1, maxLength: 3 }),
  spaces: fc.array(space, { minLength: 1, maxLength: 3 }),
});
type DiskSpec = typeof diskSpec extends fc.Arbitrary<infer T> ? T : never;

const present = (pairs: [string, string | null][]): Attrs => pairs.filter((p): p is [string, string] => p[1] !== null);

function diskXml(d: DiskSpec): string {
  const t = (name: string, attrs: Attrs, selfClosing = true) => tag(name, attrs, d.quotes, d.spaces, selfClosing);
  const parts = [t('disk', present([['type', d.type], ['device', d.device]]), false)];
  if (d.comment) parts.push('<!-- <disk><source file="/not/a/disk"/></disk> -->');
  if (d.backing) parts.push(`<backingStore type='file'>${t('format', [['type', 'qcow2']])}${t('source', [['file', '/base']])}</backingStore>`);
  if (d.driver) parts.push(t('driver', present([['name', 'qemu'], ['type', d.driver.type], ['cache', d.driver.cache], ['io', d.driver.io]])));
  if (d.source) parts.push(t('source', present([['file', d.source.file], ['dev', d.source.dev], ['name', d.source.name], ['volume', d.source.volume]])));
  if (d.dev !== null) parts.push(t('target', [['dev', d.dev], ['bus', 'virtio']]));
  return parts.join(d.spaces[0]) + d.spaces[0] + '</disk>';
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const fxp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false, parseTagValue: false, isArray: (name) => name === 'disk' });
const SOURCE_ATTRIBUTE: Record<string, string> = { file: 'file', block: 'dev', dir: 'dir', network: 'name', volume: 'volume' };

describe('generated domains agree with fast-xml-parser', () => {
  it('reads the same disks, and every span reads back as written', () => {
    fc.assert(
      fc.property(fc.array(diskSpec, { maxLength: 5 }), fc.constantFrom('\n', '\r\n'), (specs, eol) => {
        const text = `<?xml version="1.0"?>${eol}<domain type='kvm'>${eol}<devices>${eol}${specs.map(diskXml).join(eol)}${eol}</devices>${eol}</domain>${eol}`;
        const parsed = parseDomainXml(text);
        expect(parsed.problems).toEqual([]);
        const tree = fxp.parse(text) as { domain: { devices: Node } };
        const theirs = list(tree.domain.devices.disk).map((disk, i) => {
          const a = (n: Node | undefined, k: string) => (n ? (n[`@${k}`] as string | undefined) : undefined);
          const source = list(disk.source)[0];
          const driver = list(disk.driver)[0];
          const type = a(disk, 'type') ?? 'file';
          const key = [SOURCE_ATTRIBUTE[type], 'file', 'dev', 'dir', 'name', 'volume', 'path'].find((k) => k && a(source, k) !== undefined);
          return [a(list(disk.target)[0], 'dev') ?? `disk-${i + 1}`, a(disk, 'device') ?? 'disk', type, key ? a(source, key) : undefined, a(driver, 'cache'), a(driver, 'io'), a(driver, 'type')];
        });
        const ours = parsed.disks.map((d) => [d.name, d.deviceKind, d.sourceType, d.source?.value, d.cache?.value, d.aio?.value, d.format?.value]);
        expect(ours).toEqual(theirs);
        for (const d of parsed.disks) {
          for (const s of [d.source, d.cache, d.aio, d.format]) {
            if (!s) continue;
            expect(text.slice(s.keySpan.start, s.keySpan.end)).toBe(s.key);
            expect(text[s.span.start - 1]).toBe(text[s.span.end]);
          }
          for (const group of [d.groups.disk, d.groups.driver]) {
            const first = group?.settings[0];
            if (first) expect(group.quote).toBe(text[first.span.start - 1]);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
