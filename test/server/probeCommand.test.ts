/**
 * `workspace/executeCommand vmdisk.probeImage` on real files: progress, the answer, cancellation,
 * "not a local path" answers, and the result feeding the document's diagnostics.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ExecuteCommandRequest, type ResponseError } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, codes, TestClient } from './client';

interface ProbeAnswer {
  ok: boolean;
  message: string;
  markdown?: string;
  report?: { path: string; requestedPath: string; directIO: { supported: boolean }; filesystem: { type: string } };
}

const domain = (source: string, driver = "cache='none'") => `<domain type='kvm'>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' ${driver}/>
      <source file='${source}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

let c: TestClient;
let dir: string;
beforeAll(async () => {
  assertServerBuilt();
  // On the real disk, not a tmpfs: the probe's answers depend on the file system.
  dir = mkdtempSync(join('/var/tmp', 'vmdisk-lsp-probe-'));
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'disk one.raw'), Buffer.alloc(1024 * 1024, 1));
  c = await TestClient.start({ configuration: () => ({ probe: { timeLimit: 3000 } }) });
});
afterAll(async () => {
  await c.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('vmdisk.probeImage', () => {
  it('probes a relative path against the document directory, reports progress, and re-checks the document', async () => {
    const uri = pathToFileURL(join(dir, 'vm.xml')).href;
    await c.open(uri, 'xml', domain('images/disk one.raw'));
    const seen = c.diagnostics.received.length;
    const answer = (await c.executeCommand('vmdisk.probeImage', [{ uri, path: 'images/disk one.raw' }], 'probe-1')) as ProbeAnswer;
    expect(answer.ok).toBe(true);
    expect(answer.report!.path).toBe(join(dir, 'images', 'disk one.raw'));
    expect(answer.report!.directIO.supported).toBe(true);
    expect(answer.markdown).toContain('Native-I/O probe');
    const kinds = c.progress.received.filter((p) => p.token === 'probe-1').map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds[kinds.length - 1]).toBe('end');
    // The document is checked again with what the probe found.
    const again = await c.diagnostics.next((p) => p.uri === uri, seen);
    expect(again.version).toBe(1);
    // Editors without their own display get the outcome as a message.
    expect(c.messages.received.some((m) => m.message.startsWith(`vmdisk probe: ${join(dir, 'images', 'disk one.raw')}: `))).toBe(true);
  });

  it('answers "not a local path" for network sources and for relative paths of untitled buffers', async () => {
    const net = "<domain><devices><disk type='network'><driver name='qemu' type='raw'/><source protocol='rbd' name='pool/image'/><target dev='vda'/></disk></devices></domain>";
    await c.open('file:///tmp/probe/net.xml', 'xml', net);
    const a = (await c.executeCommand('vmdisk.probeImage', [{ uri: 'file:///tmp/probe/net.xml', path: 'pool/image' }])) as ProbeAnswer;
    expect(a).toEqual({ ok: false, message: '"pool/image" is a network source, not a local path: there is no image file on this host to probe.' });
    const b = (await c.executeCommand('vmdisk.probeImage', [{ uri: 'untitled:Untitled-2', path: 'images/x.raw' }])) as ProbeAnswer;
    expect(b.ok).toBe(false);
    expect(b.message).toContain('not a local path');
    const d = (await c.executeCommand('vmdisk.probeImage', [{ uri: 'file:///tmp/x.xml', path: 'nbd://host:10809/export' }])) as ProbeAnswer;
    expect(d.message).toContain('not a local path');
  });

  it('a missing image is a clear answer, not an error', async () => {
    const missing = join(dir, 'images', 'missing.raw');
    const a = (await c.executeCommand('vmdisk.probeImage', [{ uri: pathToFileURL(join(dir, 'vm.xml')).href, path: missing }])) as ProbeAnswer;
    expect(a.ok).toBe(false);
    expect(a.message).toContain(JSON.stringify(missing));
  });

  it('rejects malformed arguments with a message', async () => {
    expect(await c.executeCommand('vmdisk.probeImage', ['just a string'])).toEqual({ ok: false, message: 'vmdisk.probeImage needs one argument {uri, path}.' });
  });

  it('can be cancelled: the request ends as cancelled and no scratch file stays behind', async () => {
    const uri = pathToFileURL(join(dir, 'vm.xml')).href;
    const source = new CancellationTokenSource();
    // Cancel as soon as the probe says it started: an event, not a timer.
    c.watchProgress('probe-cancel');
    const started = c.progress.next((p) => p.token === 'probe-cancel' && p.value.kind === 'begin').then(() => source.cancel());
    const request = c.connection.sendRequest(
      ExecuteCommandRequest.type,
      { command: 'vmdisk.probeImage', arguments: [{ uri, path: join(dir, 'images', 'disk one.raw') }], workDoneToken: 'probe-cancel' },
      source.token,
    );
    await started;
    await expect(request).rejects.toMatchObject({ code: -32800 } satisfies Partial<ResponseError>);
    await c.progress.next((p) => p.token === 'probe-cancel' && p.value.kind === 'end');
    expect(readdirSync(join(dir, 'images')).filter((f) => f.startsWith('.vmdisk-probe-'))).toEqual([]);
  });
});

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('\n*** SKIPPING the ramfs probe → diagnostics test: mounting a ramfs needs root ***\n');

describe.skipIf(!isRoot)('probe results feed diagnostics (a ramfs has no O_DIRECT)', () => {
  let mnt: string;
  beforeAll(() => {
    mnt = join(dir, 'ramfs');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'ramfs', 'ramfs', mnt]);
    writeFileSync(join(mnt, 'disk.raw'), Buffer.alloc(1024 * 1024, 1));
  });
  afterAll(() => {
    execFileSync('umount', [mnt]);
  });

  it("cache='none' on a file system without O_DIRECT becomes an error once probed", async () => {
    const uri = pathToFileURL(join(dir, 'ram.xml')).href;
    const before = await c.open(uri, 'xml', domain(join(mnt, 'disk.raw')));
    expect(codes(before)).not.toContain('direct-io-unsupported');
    const seen = c.diagnostics.received.length;
    const answer = (await c.executeCommand('vmdisk.probeImage', [{ uri, path: join(mnt, 'disk.raw') }])) as ProbeAnswer;
    expect(answer.report!.directIO.supported).toBe(false);
    const after = await c.diagnostics.next((p) => p.uri === uri, seen);
    const error = after.diagnostics.find((d) => d.code === 'direct-io-unsupported')!;
    expect(error.severity).toBe(1);
    expect(error.message).toContain('QEMU will refuse to start');
    // The preferred fix leaves O_DIRECT: applying it clears the error.
    const [fix] = (await c.codeActions(uri, error.range, { diagnostics: [error] })).filter((a) => a.isPreferred);
    const fixed = await c.applyEdits(uri, fix.edit!.changes![uri]);
    expect(codes(fixed)).not.toContain('direct-io-unsupported');
  });
});
