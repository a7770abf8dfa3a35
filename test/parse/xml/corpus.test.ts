/**
 * Cross-check against a full XML parser on every domain XML of libvirt's own test pairs: the
 * disks found must carry the same values as fast-xml-parser's tree gives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../../shared/src/parse/xml';

const CORPUS = '/work/shared/corpus/libvirt';
const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';
const files = ['v4.0.0', 'latest'].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => join(dir, f)),
);

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const attr = (n: Node | undefined, name: string): string | undefined => (n ? (n[`@${name}`] as string | undefined) : undefined);

const SOURCE_ATTRIBUTE: Record<string, string> = { file: 'file', block: 'dev', dir: 'dir', network: 'name', volume: 'volume', vhostuser: 'path' };

/** What the tree says about each disk, in the terms of the disk model. */
function disksOfTree(tree: Node): Record<string, string | undefined>[] {
  const roots = [...list(tree.domain), ...list(tree.disk).map((d) => ({ devices: { disk: d } }))];
  const disks = roots.flatMap((domain) => list(domain.devices).flatMap((devices) => list(devices.disk)));
  return disks.map((disk, i) => {
    const source = list(disk.source)[0];
    const driver = list(disk.driver)[0];
    const type = attr(disk, 'type') ?? 'file';
    const sourceKey = [SOURCE_ATTRIBUTE[type], 'file', 'dev', 'dir', 'name', 'volume', 'path'].find((k) => k && attr(source, k) !== undefined);
    return {
      name: attr(list(disk.target)[0], 'dev') ?? `disk-${i + 1}`,
      deviceKind: attr(disk, 'device') ?? 'disk',
      sourceType: type,
      source: sourceKey ? attr(source, sourceKey) : undefined,
      format: attr(driver, 'type'),
      cache: attr(driver, 'cache'),
      aio: attr(driver, 'io'),
    };
  });
}

/** The tree does not resolve namespaces: look for `[prefix:]commandline` keys and resolve by hand. */
function qemuArgsOfTree(tree: Node): string[][] {
  const uri = (prefix: string | undefined, ...scopes: Node[]) =>
    scopes.map((n) => attr(n, prefix ? `xmlns:${prefix}` : 'xmlns')).find((u) => u !== undefined) ?? (prefix === 'qemu' ? QEMU_NS : undefined);
  const named = (node: Node, local: string) =>
    Object.keys(node).flatMap((key) => {
      const m = new RegExp(`^(?:([\\w.-]+):)?${local}$`).exec(key);
      return m ? list(node[key]).map((child) => ({ prefix: m[1], child })) : [];
    });
  return list(tree.domain).flatMap((domain) =>
    named(domain, 'commandline')
      .filter(({ prefix, child }) => uri(prefix, child, domain) === QEMU_NS)
      .map(({ child }) =>
        named(child, 'arg')
          .filter((arg) => uri(arg.prefix, arg.child, child, domain) === QEMU_NS)
          .map((arg) => attr(arg.child, 'value')!),
      ),
  );
}

const fxp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false, parseTagValue: false });

describe('libvirt test corpus agrees with fast-xml-parser', () => {
  it('has the corpus, with disks and QEMU arguments in it', () => {
    expect(files.length).toBeGreaterThan(400);
    const parsed = files.map((f) => parseDomainXml(readFileSync(join(CORPUS, f), 'utf8')));
    expect(parsed.reduce((n, p) => n + p.disks.length, 0)).toBeGreaterThan(700);
    expect(parsed.filter((p) => p.qemuArgs.some((a) => a.length > 0)).length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const parsed = parseDomainXml(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.isDomain).toBe(true);
    const tree = fxp.parse(text) as Node;
    const ours = parsed.disks.map((d) => ({
      name: d.name,
      deviceKind: d.deviceKind,
      sourceType: d.sourceType ?? undefined,
      source: d.source?.value,
      format: d.format?.value,
      cache: d.cache?.value,
      aio: d.aio?.value,
    }));
    expect(ours).toEqual(disksOfTree(tree));
    expect(parsed.qemuArgs.map((args) => args.map((a) => a.text))).toEqual(qemuArgsOfTree(tree));
    // Every span reads back as written.
    for (const d of parsed.disks) {
      expect(text.slice(d.span.start, d.span.end)).toMatch(/^<disk[\s>/][\s\S]*(<\/disk>|\/>)$/);
      for (const s of [d.source, d.cache, d.aio, d.format]) if (s) expect(text.slice(s.span.start, s.span.end)).toBe(s.value);
    }
  });
});
