/**
 * A domain's name and UUID from the XML `virsh dumpxml` printed. libvirt writes `<name>` and
 * `<uuid>` as the first children of `<domain>`, escaping only the five predefined entities; the
 * name is taken from here rather than from `virsh list --name`, whose one-name-a-line output
 * cannot carry a name with a line break in it (libvirt accepts those).
 */
export interface DomainIdentity {
  name?: string;
  uuid?: string;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function domainIdentity(xml: string): DomainIdentity {
  const root = /<domain[\s>]/.exec(xml);
  if (!root) return {};
  const after = xml.slice(root.index);
  const name = /<name>([^<]*)<\/name>/.exec(after)?.[1];
  const uuid = /<uuid>\s*([0-9a-fA-F-]+)\s*<\/uuid>/.exec(after)?.[1];
  return { name: name === undefined ? undefined : decodeText(name), uuid: uuid?.toLowerCase() };
}

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return fromCodePoint(parseInt(body.slice(2), 16), whole);
    if (body.startsWith('#')) return fromCodePoint(parseInt(body.slice(1), 10), whole);
    return PREDEFINED[body] ?? whole;
  });
}

/** Only characters XML allows; anything else stays as written. */
function fromCodePoint(code: number, whole: string): string {
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : whole;
}
