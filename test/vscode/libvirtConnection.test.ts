/**
 * The extension's libvirt check outside the editor: the document URIs, the recent-URI list, the
 * CLI output it trusts, and the child process that runs the bundled CLI (real virsh with
 * libvirt's test driver; cancellation stops the whole process group).
 */
import { watch } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainDocumentParts, domainOfLocation } from '../../client/src/libvirt/documentUri';
import { parseFleetOutput } from '../../client/src/libvirt/fleetOutput';
import { connectionChoices, MAX_RECENT, recentFrom, rememberConnection } from '../../client/src/libvirt/recentConnections';
import { runFleetLint } from '../../client/src/libvirt/runFleetLint';
import { domainLocation } from '../../server/src/cli/fleet/location';
import { HOSTILE_NAMES, MIXED_DOMAINS } from '../fleet/fixtures';
import { makeTempDir, removeDir, writeNode } from '../fleet/nodeFiles';
import { requireTool } from '../support/tools';
import { ensureBuilt, ROOT } from './bundle.mjs';

const CLI = join(ROOT, 'dist', 'cli.js');
const haveVirsh = requireTool('virsh');

describe('vmdisk-libvirt document URIs', () => {
  it('path /<connection>/<domain>.xml, only % and / escaped in the name; ?live for the running definition', () => {
    expect(domainDocumentParts({ connection: 'qemu:///system', domain: 'db01', live: false })).toEqual({ path: '/qemu:///system/db01.xml', query: '' });
    expect(domainDocumentParts({ connection: 'qemu+ssh://root@h/system?no_tty=1', domain: 'ünïcode-😀 vm', live: true })).toEqual({
      path: '/qemu+ssh://root@h/system?no_tty=1/ünïcode-😀 vm.xml',
      query: 'live',
    });
    expect(domainDocumentParts({ connection: 'test:///n.xml', domain: 'a/b 100%', live: false }).path).toBe('/test:///n.xml/a%2Fb 100%25.xml');
  });

  it('no two domains share a document, whatever the connections and names', () => {
    const ref = fc.record({ connection: fc.string({ minLength: 1 }), domain: fc.string({ minLength: 1 }), live: fc.boolean() });
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const [pa, pb] = [domainDocumentParts(a), domainDocumentParts(b)];
        const same = pa.path === pb.path && pa.query === pb.query;
        return same === (a.connection === b.connection && a.domain === b.domain && a.live === b.live);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back the domain of every location the CLI prints, hostile names included", () => {
    for (const uri of ['qemu:///system', 'test:///tmp/my dir/ünï.xml', 'qemu+ssh://h/system?no_tty=1']) {
      for (const domain of [...HOSTILE_NAMES, 'db01', 'a?live', '100%']) {
        for (const live of [false, true]) expect(domainOfLocation(domainLocation(uri, domain, live))).toEqual({ domain, live });
      }
    }
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.boolean(), (domain, live) => {
      const back = domainOfLocation(domainLocation('test:///default', domain, live));
      return back?.domain === domain && back.live === live;
    }));
  });

  it('anything else is not a domain location, without throwing', () => {
    for (const bad of ['/etc/db01.xml', 'libvirt://qemu:///system/', 'libvirt://x/%E0%A4%A', '']) expect(domainOfLocation(bad)).toBeUndefined();
  });
});

describe('recent connection URIs', () => {
  it('most recent first, no repeats, at most ten', () => {
    let recent: string[] = [];
    for (let i = 0; i < 12; i++) recent = rememberConnection(recent, `test:///n${i}.xml`);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe('test:///n11.xml');
    expect(rememberConnection(recent, ' test:///n5.xml ').slice(0, 2)).toEqual(['test:///n5.xml', 'test:///n11.xml']);
    expect(rememberConnection(recent, 'test:///n5.xml')).toHaveLength(MAX_RECENT);
    expect(rememberConnection(['a'], '  ')).toEqual(['a']);
  });

  it('a stored value that is not a list of URIs counts as none or is cleaned', () => {
    expect(recentFrom(undefined)).toEqual([]);
    expect(recentFrom('qemu:///system')).toEqual([]);
    expect(recentFrom(['a', 7, null, ' a ', '', 'b'])).toEqual(['a', 'b']);
  });

  it('offers what is typed, then the recent ones, then qemu:///system', () => {
    expect(connectionChoices([], '')).toEqual([{ uri: 'qemu:///system', kind: 'default' }]);
    expect(connectionChoices(['test:///a.xml', 'qemu:///system'], '')).toEqual([
      { uri: 'test:///a.xml', kind: 'recent' },
      { uri: 'qemu:///system', kind: 'recent' },
    ]);
    expect(connectionChoices(['test:///a.xml'], ' qemu+ssh://db7/system ').map((c) => [c.uri, c.kind])).toEqual([
      ['qemu+ssh://db7/system', 'typed'],
      ['test:///a.xml', 'recent'],
      ['qemu:///system', 'default'],
    ]);
    expect(connectionChoices(['test:///a.xml'], 'test:///a.xml').map((c) => c.kind)).toEqual(['recent', 'default']);
  });
});

describe('the CLI output the extension accepts', () => {
  const file = { path: 'libvirt://test:///default/test', xml: '<domain/>', diagnostics: [{ code: 'x', severity: 'error', message: 'm', range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } } }] };
  const connection = { uri: 'test:///default', ok: true, remote: false, domains: [{ name: 'test', running: true }] };

  it('takes the documented shape', () => {
    expect(parseFleetOutput(JSON.stringify({ files: [file], connections: [connection] }))).toEqual({ files: [file], connections: [connection] });
  });

  it.each([
    ['not JSON', '{"files": ['],
    ['no connections', JSON.stringify({ files: [] })],
    ['a file without its XML (no --include-xml)', JSON.stringify({ files: [{ ...file, xml: undefined }], connections: [] })],
    ['an unknown severity', JSON.stringify({ files: [{ ...file, diagnostics: [{ ...file.diagnostics[0], severity: 'fatal' }] }], connections: [] })],
    ['a range without numbers', JSON.stringify({ files: [{ ...file, diagnostics: [{ ...file.diagnostics[0], range: { start: {}, end: {} } }] }], connections: [] })],
    ['a connection without remote', JSON.stringify({ files: [], connections: [{ uri: 'u', ok: true, domains: [] }] })],
  ])('refuses %s', (_what, text) => {
    expect(parseFleetOutput(text)).toBeUndefined();
  });
});

describe('running the bundled CLI from the extension host', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = makeTempDir('client');
  });
  afterAll(() => removeDir(dir));

  it.skipIf(!haveVirsh)('checks a test-driver host: every domain, its XML and findings, with the settings passed on', async () => {
    const uri = writeNode(dir, 'mixed.xml', MIXED_DOMAINS);
    const run = await runFleetLint(CLI, uri, ['--environment', 'production', '--migration', 'unknown'], new AbortController().signal);
    expect(run.status).toBe('done');
    if (run.status !== 'done') return;
    expect(run.output.connections).toEqual([
      { uri, ok: true, remote: false, domains: [...MIXED_DOMAINS].map((d) => ({ name: d.name, running: d.running })).sort((a, b) => (a.name < b.name ? -1 : 1)) },
    ]);
    expect(run.output.files.map((f) => domainOfLocation(f.path)?.domain)).toEqual(run.output.connections[0].domains.map((d) => d.name));
    expect(run.output.files.every((f) => f.xml.includes('<domain'))).toBe(true);
    const codes = (domain: string) => run.output.files.find((f) => f.path.endsWith(`/${domain}`))!.diagnostics.map((d) => d.code);
    expect(codes('scratch')).toContain('unsafe-cache-in-production');
    const development = await runFleetLint(CLI, uri, ['--environment', 'development'], new AbortController().signal);
    expect(development.status === 'done' && development.output.files.find((f) => f.path.endsWith('/scratch'))!.diagnostics.map((d) => d.code)).not.toContain(
      'unsafe-cache-in-production',
    );
  });

  it.skipIf(!haveVirsh)("a connection that fails is reported in the output with virsh's message", async () => {
    const uri = `test://${join(dir, 'missing.xml')}`;
    const run = await runFleetLint(CLI, uri, [], new AbortController().signal);
    expect(run.status === 'done' && run.output.connections[0]).toMatchObject({ uri, ok: false, error: expect.stringMatching(/^failed to connect to the hypervisor: .*missing\.xml/) });
  });

  it("the CLI's refusal is the message, without its usage text", async () => {
    const run = await runFleetLint(CLI, 'test:///default', ['--rule', 'no-such-rule=error'], new AbortController().signal);
    expect(run).toEqual({ status: 'failed', message: expect.stringMatching(/^--rule: unknown rule code 'no-such-rule'/) });
    if (run.status === 'failed') expect(run.message).not.toContain('usage:');
  });

  it('cancelling stops the CLI and every process it started', async () => {
    // Stands in for the CLI: starts a long `sleep` that shares its stdout, then says so. `close`
    // comes only once every holder of that pipe is gone, so the run ends only if the sleep dies too.
    const hang = join(dir, 'hang.js');
    const started = join(dir, 'started');
    await writeFile(
      hang,
      `require('node:child_process').spawn('sleep', ['600'], { stdio: ['ignore', 'inherit', 'inherit'] });
       require('node:fs').writeFileSync(${JSON.stringify(started)}, String(process.pid));
       setInterval(() => {}, 1000);`,
    );
    const abort = new AbortController();
    const watcher = watch(dir, (_event, name) => name === 'started' && abort.abort());
    const run = await runFleetLint(hang, 'test:///default', [], abort.signal);
    watcher.close();
    expect(run).toEqual({ status: 'cancelled' });
  }, 20_000);
});
