/**
 * libvirt's own translation as the oracle: every test pair of libvirt (`NAME.xml` → the QEMU command line
 * libvirt generated for it) in ../shared/corpus/libvirt, `v4.0.0/` (`-drive` era) and `latest/` (JSON
 * `-blockdev` era). Both sides are analysed on their own; each guest disk must get the same effective
 * flags and the same aio from the XML as from the command line.
 *
 * Matching disks: libvirt does not keep the XML's order. It files each `<disk>` next to the disks on the
 * same bus, ordered by the index of the target name (hda < hdc, vda < vdb; a new bus goes to the end;
 * `virDomainDiskInsert`), and emits the command line in that order. So the XML disks are put in that
 * order and paired with the command line's disks in order of appearance. Backends that do not come from
 * a `<disk>` (firmware `pflash`, SCSI `<hostdev>`) are left out of the command line's side; in the
 * -blockdev era an empty removable drive (no `<source>`) has no backend, so it is left out of the XML
 * side when that makes the counts meet. Where both sides name a local path, the paths must be equal:
 * that checks the pairing itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../shared/src/analyze';
import { analyze } from '../../shared/src/index';
import type { DiskReport } from '../../shared/src/report';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/libvirt');
const ERAS = ['v4.0.0', 'latest'] as const;

/** Pairs whose sides describe different disks on purpose, with the reason. */
const KNOWN_UNEQUAL: Record<string, string> = {
  'latest/disk-transient': "libvirt hot-plugs the <transient shareBacking='yes'/> disk after start, so the command line lacks it",
};

/** Command-line backends libvirt makes from other elements than `<disk>`: `<loader>`/`<nvram>` and `<hostdev>`. */
const NOT_FROM_DISK = /^(drive-)?(hostdev\d+|pflash\d+)$|^libvirt-pflash/;

interface Pair {
  id: string;
  xmlPath: string;
  argsPath: string | undefined;
}

function pairsOf(era: string): Pair[] {
  const files = readdirSync(path.join(CORPUS, era)).sort();
  return files
    .filter((f) => f.endsWith('.xml'))
    .map((xml) => {
      const name = xml.slice(0, -'.xml'.length);
      // NAME.args (v4.0.0) or NAME.VARIANT.args (latest: x86_64-latest, or x86_64-9.1.0 where upstream has no other).
      const args = files.filter((f) => f === `${name}.args` || (f.startsWith(`${name}.x86_64-`) && f.endsWith('.args')));
      return { id: `${era}/${name}`, xmlPath: path.join(CORPUS, era, xml), argsPath: args.length === 1 ? path.join(CORPUS, era, args[0]) : undefined };
    });
}

/** Index of a target name within its bus: hda → 0, hdc → 2, sdaa → 26 (letters after the prefix, base 26). */
function targetIndex(dev: string): number {
  const letters = /^(?:hd|sd|vd|xvd|ubd|fd)([a-z]+)/.exec(dev)?.[1];
  if (!letters) return -1;
  let index = 0;
  for (const ch of letters) index = index * 26 + (ch.charCodeAt(0) - 96);
  return index - 1;
}

/** The bus a target is on: `<target bus=…>`, else libvirt's default for the name's prefix. */
function busOf(diskElement: string, dev: string): string {
  const written = /<target\b[^>]*\bbus\s*=\s*["']([^"']*)["']/.exec(diskElement)?.[1];
  if (written) return written;
  const prefix = /^(hd|sd|vd|xvd|ubd|fd)/.exec(dev)?.[1] ?? '';
  return { hd: 'ide', sd: 'scsi', vd: 'virtio', xvd: 'xen', ubd: 'uml', fd: 'fdc' }[prefix] ?? '';
}

/** libvirt's disk order: each disk joins the disks of its bus, by target index; a new bus goes last. */
function libvirtOrder<T>(disks: { item: T; bus: string; index: number }[]): T[] {
  const placed: typeof disks = [];
  for (const disk of disks) {
    let at = -1;
    for (let i = placed.length - 1; i >= 0; i--) {
      if (placed[i].bus !== disk.bus) continue;
      if (placed[i].index > disk.index) at = i;
      else if (at === -1) at = i + 1;
    }
    placed.splice(at === -1 ? placed.length : at, 0, disk);
  }
  return placed.map((d) => d.item);
}

function xmlDisksInLibvirtOrder(xml: string): DiskReport[] {
  const reports = analyze(xml, { uri: 'file:///corpus/domain.xml', languageId: 'xml' }).disks;
  const models = analyzeText(xml, { languageId: 'xml' }).disks;
  return libvirtOrder(
    reports.map((item, i) => {
      const element = xml.slice(models[i].disk.span.start, models[i].disk.span.end);
      return { item, bus: busOf(element, item.name), index: targetIndex(item.name) };
    }),
  );
}

const isLocalPath = (s: string | null): s is string => s !== null && s.startsWith('/') && !s.startsWith('/dev/fdset/');
const aioOf = (d: DiskReport) => (d.aio === null || d.aio === 'default' ? 'threads' : d.aio);

type Comparison = { kind: 'no-disks' } | { kind: 'unequal'; xml: DiskReport[]; args: DiskReport[] } | { kind: 'paired'; pairs: [DiskReport, DiskReport][] };

function compare(pair: Pair & { argsPath: string }): Comparison {
  const xmlText = readFileSync(pair.xmlPath, 'utf8');
  if (!/<disk[\s>]/.test(xmlText)) return { kind: 'no-disks' };
  let xml = xmlDisksInLibvirtOrder(xmlText);
  const args = analyze(readFileSync(pair.argsPath, 'utf8'), { uri: 'file:///corpus/domain.args', languageId: 'qemu-cmdline' }).disks.filter(
    (d) => !NOT_FROM_DISK.test(d.name),
  );
  if (xml.length !== args.length) xml = xml.filter((d) => d.source !== null);
  if (xml.length !== args.length) return { kind: 'unequal', xml, args };
  return { kind: 'paired', pairs: xml.map((d, i) => [d, args[i]]) };
}

const pairs = ERAS.flatMap(pairsOf);
const comparable = pairs.filter((p): p is Pair & { argsPath: string } => p.argsPath !== undefined);
const results = new Map(comparable.map((p) => [p, compare(p)]));

describe("libvirt's XML → QEMU translation: the same effective flags and aio from both sides", () => {
  test('every XML has exactly one command line to compare with', () => {
    expect(pairs.filter((p) => !p.argsPath).map((p) => p.id)).toEqual([]);
    expect(pairs.length).toBeGreaterThan(400);
  });

  test('the counts: every pair is compared or accounted for', () => {
    const all = [...results.values()];
    const withoutDisks = all.filter((r) => r.kind === 'no-disks').length;
    const unequal = all.filter((r) => r.kind === 'unequal').length;
    const paired = all.flatMap((r) => (r.kind === 'paired' ? [r.pairs.length] : []));
    console.log(
      `[oracle] libvirt corpus: ${pairs.length} pairs; ${paired.length} compared (${paired.reduce((a, b) => a + b, 0)} disks), ` +
        `${withoutDisks} without <disk>, ${unequal} with different disks (expected: ${Object.keys(KNOWN_UNEQUAL).join(', ')})`,
    );
    expect(paired.length + withoutDisks + unequal).toBe(pairs.length);
    expect(unequal).toBe(Object.keys(KNOWN_UNEQUAL).length);
  });

  test.for(comparable.map((p) => [p.id, p] as const))('%s', ([id, pair]) => {
    const result = results.get(pair);
    if (!result || result.kind === 'no-disks') return;
    if (result.kind === 'unequal') {
      const show = (ds: DiskReport[]) => ds.map((d) => `${d.name}:${d.source}`).join(' ');
      expect(KNOWN_UNEQUAL[id], `XML disks ${show(result.xml)} ≠ command-line disks ${show(result.args)}`).toBeDefined();
      return;
    }
    expect(KNOWN_UNEQUAL[id], 'listed as having different disks, but its disks pair up').toBeUndefined();
    for (const [fromXml, fromArgs] of result.pairs) {
      const label = `${fromXml.name} (XML) ↔ ${fromArgs.name} (command line)`;
      if (isLocalPath(fromXml.source) && isLocalPath(fromArgs.source)) expect(fromArgs.source, `${label}: paired by order`).toBe(fromXml.source);
      expect(fromArgs.effective, `${label}: effective flags`).toEqual(fromXml.effective);
      expect(aioOf(fromArgs), `${label}: aio`).toBe(aioOf(fromXml));
    }
  });
});
