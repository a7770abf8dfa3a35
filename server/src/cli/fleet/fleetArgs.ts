/** The flags `vmdisk lint` takes for checking the domains of libvirt connections. */
import { UsageError } from '../args';
import type { LintOptions } from '../lint';
import type { FleetOptions } from './fleetLint';

export const FLEET_FLAGS = {
  values: ['connect', 'domain', 'jobs', 'virsh', 'timeout'],
  repeatable: ['connect', 'domain'],
  booleans: ['include-xml'],
} as const;

export const FLEET_USAGE = `       vmdisk lint --connect URI [--connect URI]... [--domain NAME]... [--jobs N] [--timeout SECONDS]
                   [--virsh PATH] [--format …] [--environment …] [--migration …] [--rule …]...
                   [--include-xml (with --format json: each file's XML as linted)]`;

const DEFAULT_JOBS = 4;
const MAX_JOBS = 256;
const DEFAULT_TIMEOUT_S = 30;
const FLEET_ONLY = ['domain', 'jobs', 'timeout', 'virsh'];

export interface FleetRequest {
  connects: string[];
  options: FleetOptions;
}

/** undefined when no --connect is given: the command is about files. */
export function fleetRequestFrom(values: Map<string, string[]>, lint: LintOptions, booleans: ReadonlySet<string> = new Set()): FleetRequest | undefined {
  const connects = values.get('connect');
  if (!connects) {
    const stray = [...FLEET_ONLY, ...FLEET_FLAGS.booleans].find((f) => values.has(f) || booleans.has(f));
    if (stray) throw new UsageError(`--${stray} needs --connect URI`);
    return undefined;
  }
  const includeXml = booleans.has('include-xml');
  if (includeXml && lint.format !== 'json') throw new UsageError('--include-xml needs --format json');
  if (connects.some((c) => c === '')) throw new UsageError('--connect needs a URI');
  const jobsText = values.get('jobs')?.[0];
  const jobs = jobsText === undefined ? DEFAULT_JOBS : Number(jobsText);
  if (!/^\d+$/.test(jobsText ?? '1') || jobs < 1 || jobs > MAX_JOBS) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (got '${jobsText}')`);
  const timeoutText = values.get('timeout')?.[0];
  const timeoutS = timeoutText === undefined ? DEFAULT_TIMEOUT_S : Number(timeoutText);
  if (!(timeoutS > 0 && Number.isFinite(timeoutS))) throw new UsageError(`--timeout must be a number of seconds above 0 (got '${timeoutText}')`);
  const virsh = values.get('virsh')?.[0] ?? 'virsh';
  if (virsh === '') throw new UsageError('--virsh needs a path');
  const options: FleetOptions = { ...lint, domains: values.get('domain') ?? [], jobs, virsh, timeoutMs: Math.round(timeoutS * 1000) };
  return { connects, options: includeXml ? { ...options, includeXml } : options };
}
