/**
 * `fleetLint` against real virsh and libvirt's test driver: node files with several domains,
 * several connections at once (one broken), hostile names, --domain, determinism.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetLint, type FleetOptions } from '../../server/src/cli/fleet/fleetLint';
import { lintCommand } from '../../server/src/cli/lint';
import { requireTool } from '../support/tools';
import { CANARY, HOSTILE_DOMAINS, HOSTILE_SOURCE, MIXED_DOMAINS } from './fixtures';
import { disk, makeTempDir, removeDir, uuid, virsh, writeNode } from './nodeFiles';
import { writeCountingVirsh } from './countingVirsh';
import { silentListener } from './silentListener';

const haveVirsh = requireTool('virsh');

interface Collected {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(connects: string[], options: Partial<FleetOptions> = {}): Promise<Collected> {
  let stdout = '';
  let stderr = '';
  const io = { out: (s: string) => (stdout += s), err: (s: string) => (stderr += s) };
  const code = await fleetLint(connects, { domains: [], format: 'json', settings: {}, jobs: 4, virsh: 'virsh', timeoutMs: 20_000, ...options }, io);
  return { code, stdout, stderr };
}

interface JsonFile {
  path: string;
  kind: string;
  disks: { name: string; source: string | null }[];
  diagnostics: { code: string; severity: string; message: string; range: unknown }[];
}

interface JsonOutput {
  files: JsonFile[];
  connections: { uri: string; ok: boolean; error?: string; remote: boolean; domains: { name: string; running: boolean }[] }[];
}

const json = (r: Collected): JsonOutput => JSON.parse(r.stdout);
const domainOf = (location: string) => decodeURIComponent(location.slice(location.lastIndexOf('/') + 1));
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The same XML through `vmdisk lint FILE --format json`. */
function lintFile(file: string): JsonFile {
  let stdout = '';
  lintCommand(['--format', 'json', file], { out: (s) => (stdout += s), err: () => undefined });
  return JSON.parse(stdout).files[0];
}

describe.skipIf(!haveVirsh)('fleetLint with libvirt\'s test driver', () => {
  let dir: string;
  let mixed: string;
  let hostile: string;
  beforeAll(() => {
    dir = makeTempDir('lint');
    mixed = writeNode(dir, 'mixed.xml', MIXED_DOMAINS);
    // libvirt reads percent-encoded URIs (and refuses a raw space).
    hostile = encodeURI(writeNode(dir, 'hostile node ünï.xml', HOSTILE_DOMAINS));
  });
  afterAll(() => removeDir(dir));

  it('finds every domain, knows which run, and each finding equals linting the dumped XML as a file', async () => {
    const r = await run([mixed]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = json(r);
    const expected = [...MIXED_DOMAINS].sort((a, b) => byCodeUnits(a.name, b.name));
    expect(out.connections).toEqual([{ uri: mixed, ok: true, remote: false, domains: expected.map((d) => ({ name: d.name, running: d.running })) }]);
    // The test driver's live definition differs from the inactive one only in its id: one report a domain.
    expect(out.files.map((f) => f.path)).toEqual(expected.map((d) => `libvirt://${mixed}/${d.name}`));
    for (const [i, domain] of expected.entries()) {
      const dumped = await virsh(['-c', mixed, 'dumpxml', '--inactive', domain.name]);
      expect(dumped.code).toBe(0);
      const file = path.join(dir, `dumped-${i}.xml`);
      writeFileSync(file, dumped.stdout);
      const fromFile = lintFile(file);
      const fromHost = out.files[i];
      expect(fromHost.kind).toBe('libvirt-xml');
      expect(fromHost.disks).toEqual(fromFile.disks);
      expect(fromHost.diagnostics).toEqual(fromFile.diagnostics);
    }
    const codes = out.files.flatMap((f) => f.diagnostics.map((d) => `${domainOf(f.path)}:${d.code}`));
    for (const c of ['db01:native-aio-needs-direct', 'scratch:unsafe-cache-in-production', 'cluster-node:shareable-unsupported-format', 'installer:copy-on-read-readonly', 'installer:detect-zeroes-unmap-needs-discard']) {
      expect(codes).toContain(c);
    }
    expect(codes.filter((c) => c.startsWith('cluster-node:'))).toEqual(['cluster-node:shareable-unsupported-format']);
  });

  it('several connections at once, one broken: the others complete, the broken one is reported, exit 2', async () => {
    const second = writeNode(dir, 'second.xml', [
      { name: 'quiet', uuid: uuid(50), running: true, disks: disk('vda', "type='raw' cache='none' io='native'", '/i/quiet.raw') },
    ]);
    const broken = `test://${path.join(dir, 'missing.xml')}`;
    const unresolvable = 'test+tcp://host.invalid/default';
    const r = await run([mixed, broken, second, unresolvable]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^vmdisk: ${escape(broken)}: failed to connect to the hypervisor: .*missing\\.xml.*$`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^vmdisk: ${escape(unresolvable)}: failed to connect to the hypervisor: .*host\\.invalid.*$`, 'm'));
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    const out = json(r);
    expect(out.connections.map((c) => [c.uri, c.ok, c.remote, c.domains.length])).toEqual([
      [mixed, true, false, MIXED_DOMAINS.length],
      [broken, false, false, 0],
      [second, true, false, 1],
      [unresolvable, false, true, 0],
    ]);
    expect(out.connections[1].error).toMatch(/^failed to connect to the hypervisor: XML error: .*missing\.xml/);
    const paths = out.files.map((f) => f.path);
    expect(paths).toHaveLength(MIXED_DOMAINS.length + 1);
    expect(paths.at(-1)).toBe(`libvirt://${second}/quiet`);
  });

  it('exit 0 when every host answers and nothing is an error', async () => {
    const clean = writeNode(dir, 'clean.xml', [
      { name: 'ok', uuid: uuid(60), running: true, disks: disk('vda', "type='raw' cache='none' io='native'", '/i/ok.raw') },
    ]);
    const r = await run([clean]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(json(r).files.map((f) => f.diagnostics)).toEqual([[]]);
  });

  it('hostile names and values come through unchanged, and no shell ever sees them', async () => {
    const r = await run([hostile]);
    expect(r.stderr).toBe('');
    const out = json(r);
    const names = HOSTILE_DOMAINS.map((d) => d.name).sort(byCodeUnits);
    expect(out.connections[0].domains.map((d) => d.name)).toEqual(names);
    expect(out.connections[0].domains.find((d) => d.name === '1')?.running).toBe(false);
    expect(out.files.map((f) => domainOf(f.path))).toEqual(names);
    for (const f of out.files) {
      expect(f.path.startsWith(`libvirt://${hostile}/`)).toBe(true);
      expect(f.disks.map((d) => d.source)).toEqual([HOSTILE_SOURCE]);
      expect(f.diagnostics.map((d) => d.code)).toContain('native-aio-needs-direct');
    }
    expect(existsSync(path.join(process.cwd(), CANARY))).toBe(false);
    expect(existsSync(path.join(dir, CANARY))).toBe(false);
  });

  it('--domain: only the named ones (by name or UUID); one that does not exist is an error for that host', async () => {
    const r = await run([mixed, hostile], { domains: ['web', 'no such; domain', uuid(1), '--help', 'nl\nname', 'web'] });
    expect(r.code).toBe(2);
    // In the order asked for, host by host; a name given twice is asked for once.
    expect(r.stderr).toBe([
      `vmdisk: ${mixed}: failed to get domain 'no such; domain'`,
      `vmdisk: ${mixed}: failed to get domain '--help'`,
      `vmdisk: ${mixed}: failed to get domain 'nl\nname'`,
      `vmdisk: ${hostile}: failed to get domain 'web'`,
      `vmdisk: ${hostile}: failed to get domain 'no such; domain'`,
      `vmdisk: ${hostile}: failed to get domain '${uuid(1)}'`,
    ].join('\n') + '\n');
    const out = json(r);
    expect(out.connections.map((c) => c.domains.map((d) => d.name))).toEqual([['db01', 'web'], ['--help', 'nl\nname']]);
    expect(out.files.map((f) => f.path)).toEqual([
      `libvirt://${mixed}/db01`, `libvirt://${mixed}/web`, `libvirt://${hostile}/--help`, `libvirt://${hostile}/nl%0Aname`,
    ]);
  });

  it('output is the same whatever the bound and the order answers arrive in', async () => {
    const broken = `test://${path.join(dir, 'missing.xml')}`;
    const one = await run([hostile, broken, mixed], { jobs: 1 });
    const many = await run([hostile, broken, mixed], { jobs: 32 });
    expect(many).toEqual(one);
    const text = await run([hostile, broken, mixed], { jobs: 7, format: 'text' });
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      `${hostile}: ${HOSTILE_DOMAINS.length} domains, ${HOSTILE_DOMAINS.filter((d) => d.running).length} running`,
      `${broken}: not checked: ${json(one).connections[1].error}`,
      `${mixed}: ${MIXED_DOMAINS.length} domains, ${MIXED_DOMAINS.filter((d) => d.running).length} running`,
    ]);
  });

  it('--jobs bounds the virsh calls under way, over all connections and domains (--virsh PATH is what runs)', async () => {
    const small = writeNode(dir, 'small.xml', [{ name: 'one', uuid: uuid(70), running: true, disks: disk('vda', "type='raw' cache='none'", '/i/one.raw') }]);
    const hosts = [MIXED_DOMAINS, [{ running: true }]];
    // Per host: two listings, a dumpxml --inactive per domain, a live dumpxml per running one.
    const calls = hosts.reduce((n, ds) => n + 2 + ds.length + ds.filter((d) => d.running).length, 0);
    for (const jobs of [1, 3]) {
      const logDir = path.join(dir, `jobs-${jobs}`);
      mkdirSync(logDir);
      const counting = writeCountingVirsh(logDir);
      const r = await run([mixed, small], { jobs, virsh: counting.executable });
      expect(r.code).toBe(1);
      expect(counting.calls()).toBe(calls);
      if (jobs === 1) expect(counting.peak()).toBe(1);
      else expect(counting.peak()).toBeGreaterThan(1);
      expect(counting.peak()).toBeLessThanOrEqual(jobs);
      expect(r.stdout).toBe((await run([mixed, small])).stdout);
    }
  });

  it('SARIF: results as for files, a failed connection as a tool execution notification', async () => {
    const broken = `test://${path.join(dir, 'missing.xml')}`;
    const r = await run([mixed, broken], { format: 'sarif' });
    expect(r.code).toBe(2);
    const sarif = JSON.parse(r.stdout);
    const fromJson = json(await run([mixed, broken]));
    const run0 = sarif.runs[0];
    expect(run0.results).toHaveLength(fromJson.files.reduce((n, f) => n + f.diagnostics.length, 0));
    expect(new Set(run0.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri)))
      .toEqual(new Set(fromJson.files.filter((f) => f.diagnostics.length > 0).map((f) => f.path)));
    expect(run0.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: `${broken}: ${fromJson.connections[1].error}` }, properties: { connection: broken } }],
    }]);
  });

  it('a host that does not answer is stopped after the time limit while the others complete', async () => {
    const { server, port, closed } = await silentListener();
    try {
      const silent = `test+tcp://127.0.0.1:${port}/default`;
      // The limit holds for every call, the answering host's too: enough for a loaded machine.
      const r = await run([silent, mixed], { timeoutMs: 3000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`vmdisk: ${silent}: no answer from virsh within 3 s (stopped it)\n`);
      expect(json(r).files).toHaveLength(MIXED_DOMAINS.length);
      await closed;
    } finally {
      server.close();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
