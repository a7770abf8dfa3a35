/**
 * Random damage to a document, as fast-check arbitraries: delete, insert, duplicate, cut, random
 * code units, huge values, deep nesting. Positions are drawn as plain numbers and taken modulo the
 * current length, so every mutation applies to any text and shrinks to a small reproducer.
 */
import fc from 'fast-check';

/** Fragments that mean something to one of the parsers, plus line breaks and awkward characters. */
export const PIECES: readonly string[] = [
  // XML
  '<', '>', '/>', '</', '</disk>', '<disk>', "<disk type='file' device='disk'>", "<driver name='qemu' type='raw' cache='writeback' io='native'/>",
  "<source file='/var/lib/images/ünïcode-😀.qcow2'/>", "<target dev='vdz' bus='virtio'/>", '<readonly/>', '<shareable/>', '</devices>', '<devices>', '<domain>', '</domain>',
  "'", '"', '=', '&', '&amp;', '&#x41;', '&#0;', '&#xD800;', '&#99999999;', '&lt', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '?>',
  '<!DOCTYPE domain [<!ENTITY e "cache">]>', '&e;', "<qemu:commandline>", "<qemu:arg value='-drive'/>", "<qemu:arg value='file=/x.raw,if=virtio,cache=unsafe'/>",
  "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'", " cache='none'", " io='io_uring'", " discard='unmap'", " detect_zeroes='unmap'",
  // QEMU command lines and shell
  ' -drive ', ' -blockdev ', ' -device ', ' -snapshot ', ' -hda ', ' -cdrom ', ',', ',,', '=', '\\\n', '\\', '#', '$HOME', '${IMG:-/x.raw}', '$(', ')', '`', ';', '&&', '|',
  '{', '}', '[', ']', ':', '"cache":{"direct":true,"no-flush":false}', '"aio":"native"', '{"driver":"file","filename":"/x.raw","node-name":"n0"}',
  'cache=writethrough,aio=native', 'cache.direct=on', 'cache.no-flush=on', 'file.aio=native', 'if=none', 'id=d0', 'drive=d0', 'write-cache=off', 'node-name=n0',
  'virtio-blk-pci,drive=d0', 'qemu-system-x86_64 ', '/usr/libexec/qemu-kvm ', 'VAR=1 ', 'exec ', '<<EOF\n', '\nEOF\n',
  // names that are also properties of every JavaScript object
  " constructor='x'", ' __proto__="y"', ',toString=on', ',valueOf=1', ' hasOwnProperty=\'1\'', '"constructor":{"direct":true}', 'cache=constructor', "io='__proto__'",
  // whitespace and characters
  '\n', '\r\n', '\r', '\t', ' ', '\u00a0', '\u2028', '😀', 'ü', '\ud800', '\udc00', '\0', '\ufeff', '\uffff',
];

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'insertNear'; anchor: number; offset: number; text: string }
  | { kind: 'duplicate'; from: number; length: number; to: number; times: number }
  | { kind: 'cut'; at: number }
  | { kind: 'hugeValue'; nth: number; size: number; unit: string }
  | { kind: 'nest'; at: number; depth: number; open: string };

/** Any UTF-16 code unit, lone surrogates and NUL included: what a binary file decodes to. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

const NESTING = ['<a>', '<disk>', '<devices>', '<driver ', '{"a":', '[', '{', '"', "'", '$(', '<!--', '<qemu:commandline>'];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((p) => p.join('')) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: codeUnits }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insertNear' as const), anchor: fc.nat(), offset: fc.nat({ max: 80 }), text: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((p) => p.join('')) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 400 }), to: fc.nat(), times: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hugeValue' as const), nth: fc.nat(), size: fc.integer({ min: 1_000, max: 200_000 }), unit: fc.constantFrom('a', '&amp;', ',', ',,', '\\', '😀', ' ', '=', '.') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 10, max: 5_000 }), open: fc.constantFrom(...NESTING) }) },
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

const mod = (n: number, length: number) => n % (length + 1);

/** Where the disk settings are: a uniformly random offset rarely lands inside a `<driver>` tag or a `-drive` value. */
const HOT_SPOTS = /<driver|<source|<target|<disk|<readonly|-drive|-blockdev|-device|cache|aio|io=|"file"|node-name|write-cache/g;

/** Offset of the `anchor`-th hot spot (modulo their number) plus `offset`, or a plain offset when there is none. */
export function nearHotSpot(text: string, anchor: number, offset: number): number {
  const spots = [...text.matchAll(HOT_SPOTS)];
  const at = spots.length > 0 ? spots[anchor % spots.length].index + offset : anchor;
  return mod(at, text.length);
}

/** Places where a value starts: after a quote, `=` or `:` (XML attributes, key=value, JSON). */
function valueStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '=' || c === ':') starts.push(i + 1);
  }
  return starts;
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'delete': {
      const at = mod(m.at, text.length);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = mod(m.at, text.length);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'insertNear': {
      const at = nearHotSpot(text, m.anchor, m.offset);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicate': {
      const from = mod(m.from, text.length);
      const piece = text.slice(from, from + m.length);
      const to = mod(m.to, text.length);
      return text.slice(0, to) + piece.repeat(m.times) + text.slice(to);
    }
    case 'cut':
      return text.slice(0, mod(m.at, text.length));
    case 'hugeValue': {
      const starts = valueStarts(text);
      const at = starts.length > 0 ? starts[m.nth % starts.length] : mod(m.nth, text.length);
      return text.slice(0, at) + m.unit.repeat(Math.ceil(m.size / m.unit.length)) + text.slice(at);
    }
    case 'nest': {
      const at = mod(m.at, text.length);
      return text.slice(0, at) + m.open.repeat(m.depth) + text.slice(at);
    }
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

/**
 * The document with its disks repeated until there are at least `count` of them: every
 * `<disk>…</disk>` of an XML file, or the lines from the first -drive/-blockdev to the end of the
 * last option naming a drive (continuation lines included) of a command line.
 */
export function withManyDisks(text: string, count: number): string {
  const xmlDisks = text.match(/<disk[\s>][\s\S]*?<\/disk>\s*/g);
  if (xmlDisks) {
    const at = text.indexOf(xmlDisks[0]);
    return text.slice(0, at) + xmlDisks.join('').repeat(Math.ceil(count / xmlDisks.length)) + text.slice(at);
  }
  const lines = text.split('\n');
  const first = lines.findIndex((l) => /^-(drive|blockdev) /.test(l));
  if (first < 0) return text;
  let last = lines.length - 1;
  while (last > first && !/^-(drive |blockdev |device .*drive=)/.test(lines[last])) last--;
  while (last + 1 < lines.length && !lines[last + 1].startsWith('-')) last++;
  const block = lines.slice(first, last + 1);
  const disks = Math.max(1, block.filter((l) => /^-(drive |device .*drive=)/.test(l)).length);
  const copies = Array.from({ length: Math.ceil(count / disks) }, () => block).flat();
  return [...lines.slice(0, first), ...copies, ...lines.slice(first)].join('\n');
}
