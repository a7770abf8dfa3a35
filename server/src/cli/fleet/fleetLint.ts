/**
 * `vmdisk lint --connect URI…`: the domains defined on libvirt hosts, fetched with virsh and
 * linted like files. Every virsh call of every host shares one bound (`jobs`); the output is in
 * connection order, then domain name, whatever order the answers come in.
 */
import type { Settings } from '../../../../shared/src/settings';
import type { CliIO } from '../io';
import { exitStatus, type OutputFormat } from '../lint';
import { collectHost } from './collectHost';
import { createLimiter } from './limiter';
import { lintDomain } from './lintDomain';
import { printFleet } from './printFleet';
import { virshRunner } from './virsh';

export interface FleetOptions {
  /** Only these domains (names, UUIDs or IDs); empty = all. */
  domains: string[];
  format: OutputFormat;
  settings: Partial<Settings>;
  /** virsh calls under way at once, over all connections. */
  jobs: number;
  /** The virsh executable: a path, or a name looked up on PATH. */
  virsh: string;
  /** Per virsh call. */
  timeoutMs: number;
  /** JSON only: each file also carries the XML it was linted from (`xml`), for a client that shows it. */
  includeXml?: boolean;
}

/** Exit status as for files (0, 1), and 2 when any connection or domain could not be read. */
export async function fleetLint(connects: readonly string[], options: FleetOptions, io: CliIO): Promise<number> {
  const limit = createLimiter(options.jobs);
  const hosts = await Promise.all(
    [...new Set(connects)].map((uri) => {
      const run = virshRunner(options.virsh, uri, options.timeoutMs);
      return collectHost(uri, options.domains, (args) => limit(() => run(args)));
    }),
  );
  const files = hosts.flatMap((host) => host.domains.flatMap((domain) => lintDomain(host.uri, domain, options.settings)));
  printFleet(hosts, files, options.format, io, options.includeXml === true);
  return exitStatus(files, hosts.some((h) => h.errors.length > 0));
}
