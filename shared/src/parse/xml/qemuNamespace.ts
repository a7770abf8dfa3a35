/**
 * Whether an element belongs to libvirt's QEMU namespace (`<qemu:commandline>`, `<qemu:arg>`).
 * The prefix is the user's choice, so the declared namespace URI decides; a document that never
 * declares its prefix (a snippet) is taken at its word when the prefix is `qemu`.
 */
import type { XmlElement } from './scanner';

export const QEMU_NAMESPACE = 'http://libvirt.org/schemas/domain/qemu/1.0';

export function isQemuElement<D>(element: XmlElement<D>, localName: string): boolean {
  const name = element.name;
  const colon = name.indexOf(':');
  if (name.slice(colon + 1) !== localName) return false;
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const uri = namespaceOf(element, prefix);
  return uri === undefined ? prefix === 'qemu' : uri === QEMU_NAMESPACE;
}

function namespaceOf<D>(element: XmlElement<D> | undefined, prefix: string): string | undefined {
  for (let e = element; e; e = e.parent) {
    const uri = e.namespaces?.get(prefix);
    if (uri !== undefined) return uri;
  }
  return undefined;
}
