/**
 * Where the extension shows a domain's definition: a read-only virtual document
 * `vmdisk-libvirt:/<connection URI>/<domain>.xml`, `?live` added for a running definition the
 * CLI reports separately. Within the URI's path the connection is written as given and the
 * domain name with only `%` and `/` escaped (`%25`, `%2F`), so titles read like the name; the
 * domain is always the segment after the last `/`, so no two domains share a document, and
 * `.xml` gives the document the XML language. Pure: no `vscode` here, so the mapping is unit-tested.
 */
export const DOMAIN_SCHEME = 'vmdisk-libvirt';
const LIVE_QUERY = 'live';
const SUFFIX = '.xml';

export interface DomainRef {
  connection: string;
  domain: string;
  /** The running definition (`virsh dumpxml` without `--inactive`). */
  live: boolean;
}

/** The path and query of the document's URI, unencoded (as `vscode.Uri.from` takes them). */
export function domainDocumentParts(ref: DomainRef): { path: string; query: string } {
  return { path: `/${ref.connection}/${escapeName(ref.domain)}${SUFFIX}`, query: ref.live ? LIVE_QUERY : '' };
}

/**
 * The domain of a location the CLI printed (`libvirt://<URI>/<encodeURIComponent(domain)>[?live]`,
 * server/src/cli/fleet/location.ts); undefined for anything else.
 */
export function domainOfLocation(location: string): { domain: string; live: boolean } | undefined {
  if (!location.startsWith('libvirt://')) return undefined;
  const live = location.endsWith(`?${LIVE_QUERY}`);
  const body = live ? location.slice(0, -LIVE_QUERY.length - 1) : location;
  try {
    const domain = decodeURIComponent(body.slice(body.lastIndexOf('/') + 1));
    return domain === '' ? undefined : { domain, live };
  } catch {
    return undefined;
  }
}

function escapeName(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}

