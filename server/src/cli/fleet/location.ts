/**
 * Where a finding from a host is said to be: `libvirt://<connection URI>/<domain>`, `?live`
 * appended for the running definition. The connection URI is written as given, except that
 * characters which may not appear in a URI (spaces, non-ASCII, `"<>\^`{|}`) are percent-encoded;
 * the domain name is percent-encoded whole (encodeURIComponent), so it never holds `/` or `?`
 * and is always the text after the last `/`.
 */
export const LIVE_SUFFIX = '?live';

export function domainLocation(uri: string, domain: string, live = false): string {
  return `libvirt://${encodeUriText(uri)}/${encodeURIComponent(domain)}${live ? LIVE_SUFFIX : ''}`;
}

/** Percent-encodes (UTF-8) what RFC 3986 does not allow anywhere in a URI; `%` stays as written. */
function encodeUriText(text: string): string {
  return text.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gu, (run) => encodeURIComponent(run));
}

const LOCAL_HOSTS = new Set(['', 'localhost', '::1']);

/**
 * True when the URI names a host other than this one (`qemu+ssh://db7/system`): the images of
 * its domains are on that host, where a probe from here cannot reach them. Local forms —
 * no host (`qemu:///system`, `test:///…`), `localhost`, loopback addresses — and URIs that are
 * not `scheme://…` (aliases from libvirt's client config) count as local.
 */
export function isRemoteUri(uri: string): boolean {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(uri)?.[1];
  if (authority === undefined) return false;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = (hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.replace(/:\d*$/, '')).toLowerCase();
  if (LOCAL_HOSTS.has(host) || host.endsWith('.localhost')) return false;
  return !/^127(\.\d{1,3}){3}$/.test(host);
}
