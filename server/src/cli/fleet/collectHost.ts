/**
 * Everything one connection has to say: which domains exist, which run, and their definitions.
 * Domains are listed and fetched by UUID — a plain token whatever the name holds — and named
 * from their XML.
 */
import { domainIdentity } from './domainIdentity';
import type { VirshRunner } from './virsh';

export interface DomainDefinition {
  name: string;
  running: boolean;
  /** `virsh dumpxml --inactive`: what the domain boots with next time. */
  inactive: string;
  /** `virsh dumpxml` of a running domain: what it runs with now. */
  live?: string;
}

export interface HostResult {
  uri: string;
  /** The domains could be listed: the connection itself works. */
  connected: boolean;
  /** Sorted by name. */
  domains: DomainDefinition[];
  /** virsh's messages for what failed; empty when every call answered. */
  errors: string[];
}

/** `names` empty = every domain of the host; else only these (a name, UUID or ID, as virsh takes them). */
export async function collectHost(uri: string, names: readonly string[], virsh: VirshRunner): Promise<HostResult> {
  const [all, active] = await Promise.all([
    names.length > 0 ? undefined : virsh(['list', '--all', '--uuid']),
    virsh(['list', '--uuid']),
  ]);
  if (all && !all.ok) return { uri, connected: false, domains: [], errors: [all.message] };
  if (!active.ok) return { uri, connected: false, domains: [], errors: [active.message] };
  const activeUuids = new Set(words(active.stdout));
  const targets = all ? words(all.stdout) : [...new Set(names)];
  const fetched = await Promise.all(targets.map((target) => fetchDomain(target, activeUuids, virsh)));
  const byKey = new Map<string, DomainDefinition>();
  for (const f of fetched) if (f.domain && !byKey.has(f.key)) byKey.set(f.key, f.domain);
  const domains = [...byKey.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // In the order asked for, not the order the answers came in.
  return { uri, connected: true, domains, errors: fetched.flatMap((f) => f.errors) };
}

interface Fetched {
  /** The UUID, when the XML has one: the same domain asked for by name and by UUID is one domain. */
  key: string;
  domain?: DomainDefinition;
  errors: string[];
}

async function fetchDomain(target: string, activeUuids: ReadonlySet<string>, virsh: VirshRunner): Promise<Fetched> {
  const inactive = await virsh(['dumpxml', '--inactive', '--domain', target]);
  if (!inactive.ok) return { key: target, errors: [aboutDomain(target, inactive.message)] };
  const { name, uuid } = domainIdentity(inactive.stdout);
  const key = uuid ?? target;
  const running = activeUuids.has(key);
  const domain: DomainDefinition = { name: name ?? target, running, inactive: inactive.stdout };
  if (!running) return { key, domain, errors: [] };
  const live = await virsh(['dumpxml', '--domain', key]);
  if (!live.ok) return { key, domain, errors: [aboutDomain(target, live.message)] };
  domain.live = live.stdout;
  return { key, domain, errors: [] };
}

/** virsh usually names the domain in its message already. */
function aboutDomain(target: string, message: string): string {
  return message.includes(`'${target}'`) ? message : `domain '${target}': ${message}`;
}

function words(stdout: string): string[] {
  return stdout.split(/\s+/).filter((w) => w !== '');
}
