/** Hover, completion, code lenses and document symbols over the protocol, and documents of the libvirt corpus. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, positionOf, TestClient } from './client';
import { BLOCKDEV_ARGS, DRIVE_ARGS, NATIVE_WRITEBACK_XML } from './fixtures';

const CORPUS = '/work/shared/corpus/libvirt/latest';

let c: TestClient;
beforeAll(async () => {
  assertServerBuilt();
  c = await TestClient.start();
});
afterAll(() => c.stop());

describe('hover', () => {
  it('on a cache value: Markdown with the effective flags and the mode comparison, ranged on the attribute', async () => {
    const uri = 'file:///tmp/feat/hover.xml';
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const at = positionOf(NATIVE_WRITEBACK_XML, "'writeback'", 3);
    const h = (await c.hover(uri, at))!;
    const md = h.contents as MarkupContent;
    expect(md.kind).toBe('markdown');
    expect(md.value.split('\n')[0]).toBe('**vda**: cache=writeback · host page cache · guest write cache · guest flushes honoured · aio=native · blocks migration');
    expect(md.value).toContain("| O_DIRECT | no | cache='writeback' |");
    expect(md.value).toContain('**All cache modes**');
    // The whole attribute: name and value.
    const start = positionOf(NATIVE_WRITEBACK_XML, "cache='writeback'");
    expect(h.range).toEqual({ start, end: { line: start.line, character: start.character + "cache='writeback".length } });
  });

  it('on the -drive option word and on aio=native', async () => {
    const uri = 'file:///tmp/feat/hover.args';
    await c.open(uri, 'qemu-cmdline', DRIVE_ARGS);
    const drive = (await c.hover(uri, positionOf(DRIVE_ARGS, '-drive', 2)))!;
    expect((drive.contents as MarkupContent).value).toContain("```xml\n<driver name='qemu' type='qcow2' cache='writethrough' io='native'/>\n```");
    const aio = (await c.hover(uri, positionOf(DRIVE_ARGS, 'aio=native', 6)))!;
    expect((aio.contents as MarkupContent).value).toContain('**All AIO modes**');
  });

  it('nothing where there is nothing to say', async () => {
    const uri = 'file:///tmp/feat/nothing.xml';
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    expect(await c.hover(uri, positionOf(NATIVE_WRITEBACK_XML, '<name>', 2))).toBeNull();
  });

  it('reflects an edit made just before (no stale analysis)', async () => {
    const uri = 'file:///tmp/feat/fresh.xml';
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const at = positionOf(NATIVE_WRITEBACK_XML, "'writeback'", 1);
    c.sendChange(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 9 } }, text: 'none' }]);
    const h = (await c.hover(uri, { line: at.line, character: at.character + 1 }))!;
    expect((h.contents as MarkupContent).value.split('\n')[0]).toContain('cache=none · O_DIRECT');
  });
});

describe('completion', () => {
  it("inside cache='' of <driver>: values with their meaning, as text edits of the value", async () => {
    const uri = 'untitled:completion-1';
    const text = "<domain><devices><disk type='file'>\n  <driver name='qemu' cache='' io='native'/>\n</disk></devices></domain>\n";
    await c.open(uri, 'xml', text);
    const items = await c.completion(uri, positionOf(text, "cache=''", 7));
    expect(items.map((i) => i.label)).toEqual(['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe']);
    const none = items.find((i) => i.label === 'none')!;
    expect(none.detail).toBe('O_DIRECT, host page cache bypassed, guest must flush');
    expect(none.textEdit).toEqual({ range: { start: { line: 1, character: 29 }, end: { line: 1, character: 29 } }, newText: 'none' });
  });

  it('attribute names of <driver> as snippets when the client takes them', async () => {
    const uri = 'untitled:completion-2';
    const text = "<domain><devices><disk type='file'>\n  <driver name='qemu' />\n</disk></devices></domain>\n";
    await c.open(uri, 'xml', text);
    const items = await c.completion(uri, positionOf(text, "'qemu' ", 7));
    const io = items.find((i) => i.label === 'io')!;
    expect(io.insertTextFormat).toBe(2);
    expect((io.textEdit as { newText: string }).newText).toBe("io='$1'");
  });

  it('after aio= in -drive and inside "aio":"" of JSON -blockdev', async () => {
    const uri = 'file:///tmp/feat/complete.args';
    await c.open(uri, 'qemu-cmdline', DRIVE_ARGS);
    const items = await c.completion(uri, positionOf(DRIVE_ARGS, 'aio=native', 4));
    expect(items.map((i) => i.label)).toEqual(['threads', 'native', 'io_uring']);
    expect(items[0].textEdit).toEqual({ range: { start: positionOf(DRIVE_ARGS, 'aio=native', 4), end: positionOf(DRIVE_ARGS, 'aio=native', 10) }, newText: 'threads' });
    const json = 'file:///tmp/feat/complete-json.args';
    await c.open(json, 'qemu-cmdline', BLOCKDEV_ARGS);
    const inJson = await c.completion(json, positionOf(BLOCKDEV_ARGS, '"aio":"native"', 7));
    expect(inJson.map((i) => i.label)).toEqual(['threads', 'native', 'io_uring']);
  });

  it('nothing in XML that is not libvirt’s', async () => {
    const uri = 'file:///tmp/feat/other.xml';
    const text = "<project><driver cache=''/></project>";
    await c.open(uri, 'xml', text);
    expect(await c.completion(uri, positionOf(text, "cache=''", 7))).toEqual([]);
  });
});

describe('code lenses and symbols', () => {
  it('a lens with the effective mode above each disk, and a probe lens for local paths', async () => {
    const uri = 'file:///tmp/feat/lens.xml';
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const lenses = await c.codeLenses(uri);
    const anchor = positionOf(NATIVE_WRITEBACK_XML, '<disk', 1);
    expect(lenses.map((l) => [l.range.start, l.command?.title, l.command?.command])).toEqual([
      [anchor, 'cache=writeback · host page cache · guest write cache · guest flushes honoured · aio=native · blocks migration', ''],
      [anchor, 'Probe native I/O', 'vmdisk.probeImage'],
    ]);
    expect(lenses[1].command?.arguments).toEqual([{ uri, path: '/var/lib/libvirt/images/web.qcow2' }]);
  });

  it('no probe lens for a network source, nor for a relative path in an untitled buffer', async () => {
    const net = "<domain><devices><disk type='network' device='disk'><driver name='qemu' type='raw' cache='none'/><source protocol='rbd' name='pool/image'/><target dev='vda'/></disk></devices></domain>";
    await c.open('file:///tmp/feat/net.xml', 'xml', net);
    expect((await c.codeLenses('file:///tmp/feat/net.xml')).map((l) => l.command?.command)).toEqual(['']);
    const rel = NATIVE_WRITEBACK_XML.replace('/var/lib/libvirt/images/web.qcow2', 'images/web.qcow2');
    await c.open('untitled:rel', 'xml', rel);
    expect((await c.codeLenses('untitled:rel')).map((l) => l.command?.command)).toEqual(['']);
    await c.open('file:///tmp/feat/rel.xml', 'xml', rel);
    expect((await c.codeLenses('file:///tmp/feat/rel.xml')).map((l) => l.command?.command)).toEqual(['', 'vmdisk.probeImage']);
  });

  it('one document symbol per disk', async () => {
    const uri = 'file:///tmp/feat/symbols.args';
    await c.open(uri, 'qemu-cmdline', DRIVE_ARGS);
    const symbols = (await c.symbols(uri)) as DocumentSymbol[];
    expect(symbols).toHaveLength(1);
    expect(symbols[0].detail).toContain('cache=writethrough');
    expect(symbols[0].selectionRange.start).toEqual(positionOf(DRIVE_ARGS, '-drive'));
  });
});

describe('documents of the libvirt corpus', () => {
  const names = ['disk-cache.xml', 'disk-aio.xml', 'disk-shared.xml', 'disk-network-rbd.xml', 'disk-cache.x86_64-latest.args', 'disk-snapshot.x86_64-latest.args'];

  it.each(names)('%s: diagnostics, one symbol per disk, a hover on each disk', async (name) => {
    const text = readFileSync(join(CORPUS, name), 'utf8');
    const uri = `file:///tmp/corpus/${name}`;
    const d = await c.open(uri, name.endsWith('.xml') ? 'xml' : 'qemu-cmdline', text);
    expect(d.diagnostics.every((x) => x.source === 'vmdisk' && x.code !== 'syntax-error')).toBe(true);
    const symbols = (await c.symbols(uri)) as DocumentSymbol[];
    const expected = name.endsWith('.xml') ? (text.match(/<disk /g) ?? []).length : (text.match(/"driver":"(ide-hd|ide-cd|scsi-hd|virtio-blk-pci|usb-storage)"|-device (ide-hd|ide-cd|scsi-hd|virtio-blk-pci)/g) ?? []).length;
    expect(symbols).toHaveLength(expected);
    for (const s of symbols) {
      const h = await c.hover(uri, s.selectionRange.start);
      expect((h!.contents as MarkupContent).value.split('\n')[0]).toBe(`**${s.name}**: ${s.detail}`);
    }
  });

  it('every XML of the corpus opens without a syntax error', async () => {
    for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.xml'))) {
      const d = await c.open(`file:///tmp/corpus-all/${name}`, 'xml', readFileSync(join(CORPUS, name), 'utf8'));
      expect(d.diagnostics.filter((x) => x.code === 'syntax-error'), name).toEqual([]);
    }
  });
});
