import type { Disk, ParsedDocument, Span } from '../../../shared/src/model';
import { parseQemuCmdline } from '../../../shared/src/parse/qemu';

export function slice(text: string, span: Span | undefined | null): string {
  if (!span) throw new Error('no span');
  return text.slice(span.start, span.end);
}

export function parseArgs(text: string): ParsedDocument {
  return parseQemuCmdline(text, { shellScript: false });
}

export function parseScript(text: string): ParsedDocument {
  return parseQemuCmdline(text, { shellScript: true });
}

export function diskNamed(doc: ParsedDocument, name: string): Disk {
  const disk = doc.disks.find((d) => d.name === name);
  if (!disk) throw new Error(`no disk ${name}; have ${doc.disks.map((d) => d.name).join(', ')}`);
  return disk;
}

/** Driver names of a disk's node chain, `null` for implied drivers. */
export function chain(disk: Disk): (string | null)[] {
  return disk.nodes.map((n) => n.driver?.value ?? null);
}
