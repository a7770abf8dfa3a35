/**
 * libvirt domain XML → disk model. Reads `<disk>` elements (inside `<devices>`, or bare as in
 * `virsh attach-device` snippets) and the arguments of `<qemu:commandline>`; everything else is
 * skipped by the scanner without being built.
 */
import type { Comment, Disk, ParsedDocument, SyntaxProblem } from '../../model';
import type { MappedText } from '../../text/mapped';
import { DISK_CHILDREN_WITH_ATTRIBUTES, DISK_FLAG_ELEMENTS, DiskBuilder } from './diskBuilder';
import { decodeAttributeValue } from './entities';
import { isQemuElement } from './qemuNamespace';
import { scanXml, type RepairRules, type XmlElement, type XmlVisitor } from './scanner';
import type { StartTag } from './startTag';

export interface ParsedDomainXml extends ParsedDocument {
  /** A root element is `<domain>` or `<disk>`: the document is libvirt's to check. */
  isDomain: boolean;
  /** The `<qemu:arg value=>` values of each `<qemu:commandline>`, in document order. */
  qemuArgs: MappedText[][];
}

type ElementData = DiskBuilder | MappedText[];

const REPAIR: RepairRules = {
  neverNest: new Set(['disk']),
  containers: new Set(['domain', 'devices', 'disk', 'mirror', 'backingStore', 'qemu:commandline']),
};

/** `onDisk` is told of each disk as soon as it is read. */
export function parseDomainXml(text: string, onDisk?: (disk: Disk) => void): ParsedDomainXml {
  const disks: Disk[] = [];
  const problems: SyntaxProblem[] = [];
  const comments: Comment[] = [];
  const qemuArgs: MappedText[][] = [];
  let isDomain = false;

  const isDisk = (name: string, parent: XmlElement<ElementData> | undefined) => name === 'disk' && (!parent || parent.name === 'devices');
  const visitor: XmlVisitor<ElementData> = {
    interest(name, parent) {
      if (isDisk(name, parent)) return 'attributes';
      if (parent?.data instanceof DiskBuilder) return DISK_CHILDREN_WITH_ATTRIBUTES.has(name) ? 'attributes' : DISK_FLAG_ELEMENTS.has(name) ? 'events' : 'none';
      if (name.endsWith('commandline') || (Array.isArray(parent?.data) && name.endsWith('arg'))) return 'attributes';
      // Roots decide whether the document is a domain.
      return parent ? 'none' : 'events';
    },
    open(element, tag) {
      const parent = element.parent;
      if (!parent && (element.name === 'domain' || element.name === 'disk')) isDomain = true;
      if (isDisk(element.name, parent)) element.data = new DiskBuilder(tag, disks.length + 1);
      else if (parent?.data instanceof DiskBuilder) parent.data.child(element.name, tag);
      else if (element.name.endsWith('commandline') && isQemuElement(element, 'commandline')) {
        const args: MappedText[] = [];
        element.data = args;
        qemuArgs.push(args);
      } else if (Array.isArray(parent?.data) && isQemuElement(element, 'arg')) addArg(parent.data, tag, text);
    },
    close(element, end) {
      if (element.data instanceof DiskBuilder) {
        const disk = element.data.build(end);
        disks.push(disk);
        onDisk?.(disk);
      }
    },
  };
  scanXml(text, visitor, REPAIR, comments, problems);
  // Elements left open are reported innermost first; the reader wants document order.
  problems.sort((a, b) => a.span.start - b.span.start);
  return { disks, problems, comments, isDomain, qemuArgs };
}

function addArg(args: MappedText[], tag: StartTag, text: string): void {
  const value = tag.attributes?.find((a) => a.key === 'value');
  // Decoded again, with a map this time; its problems were reported when the tag was read.
  if (value) args.push(decodeAttributeValue(text, value.span.start, value.span.end, []));
}
