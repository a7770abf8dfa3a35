import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, codes, positionOf, ROOT, TestClient } from './client';
import { BLOCKDEV_ARGS, DRIVE_ARGS, GOOD_XML, NATIVE_WRITEBACK_XML, SHELL_SCRIPT } from './fixtures';

let c: TestClient;
beforeAll(async () => {
  assertServerBuilt();
  c = await TestClient.start();
});
afterAll(() => c.stop());

describe('diagnostics', () => {
  it('reports native-aio-needs-direct with code, docs link, source, exact range, related location and no fixes', async () => {
    const uri = 'file:///tmp/diag/web.xml';
    const d = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const native = d.diagnostics.find((x) => x.code === 'native-aio-needs-direct')!;
    expect(native.severity).toBe(1);
    expect(native.source).toBe('vmdisk');
    expect(native.codeDescription?.href).toBe(pathToFileURL(join(ROOT, 'docs', 'rules', 'native-aio-needs-direct.md')).href);
    // The range is the io attribute's value, inside the quotes.
    const start = positionOf(NATIVE_WRITEBACK_XML, "io='native'", 4);
    expect(native.range).toEqual({ start, end: { line: start.line, character: start.character + 'native'.length } });
    const cacheValue = positionOf(NATIVE_WRITEBACK_XML, "cache='writeback'", 7);
    expect(native.relatedInformation?.[0].location).toEqual({ uri, range: { start: cacheValue, end: { line: cacheValue.line, character: cacheValue.character + 'writeback'.length } } });
    // The fixes are not sent: code actions find them from the code and range.
    expect(native.data).toBeUndefined();
  });

  it('re-checks after an incremental edit and publishes for the new version', async () => {
    const uri = 'file:///tmp/diag/edit.xml';
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const at = positionOf(NATIVE_WRITEBACK_XML, "'writeback'", 1);
    const d = await c.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 9 } }, text: 'none' }]);
    expect(d.version).toBe(2);
    expect(codes(d)).not.toContain('native-aio-needs-direct');
    expect(c.text(uri)).toContain("cache='none' io='native'");
  });

  it('treats XML that is not a domain as none of its business: empty diagnostics', async () => {
    const d = await c.open('file:///tmp/diag/pom.xml', 'xml', "<project><driver cache='bogus' io='native'/></project>\n");
    expect(d.diagnostics).toEqual([]);
  });

  it('serves documents with any URI scheme', async () => {
    const d = await c.open('untitled:Untitled-1', 'xml', NATIVE_WRITEBACK_XML);
    expect(codes(d)).toContain('native-aio-needs-direct');
    const remote = await c.open('vscode-remote://ssh-remote+host/etc/libvirt/qemu/web.xml', 'xml', NATIVE_WRITEBACK_XML);
    expect(codes(remote)).toContain('native-aio-needs-direct');
  });

  it('checks QEMU command lines, in .args files and in shell scripts (Neovim calls them sh)', async () => {
    const args = await c.open('file:///tmp/diag/ci.args', 'qemu-cmdline', DRIVE_ARGS);
    const native = args.diagnostics.find((x) => x.code === 'native-aio-needs-direct')!;
    const at = positionOf(DRIVE_ARGS, 'aio=native', 4);
    expect(native.range.start).toEqual(at);
    const blockdev = await c.open('file:///tmp/diag/b.args', 'qemu-cmdline', BLOCKDEV_ARGS);
    expect(codes(blockdev)).toContain('native-aio-needs-direct');
    const sh = await c.open('file:///tmp/diag/run.sh', 'sh', SHELL_SCRIPT);
    expect(codes(sh)).toContain('unsafe-cache-in-production');
    // A language id the server does not know falls back to the file name.
    const byName = await c.open('file:///tmp/diag/other.args', 'plaintext', DRIVE_ARGS);
    expect(codes(byName)).toContain('native-aio-needs-direct');
  });

  it('gives exact UTF-16 positions with CRLF, tabs and non-ASCII characters', async () => {
    const text = [
      "<domain type='kvm'>",
      '\t<devices>',
      "\t\t<disk type='file' device='disk'>",
      "\t\t\t<source file='/var/lib/images/ünïcode-😀.qcow2'/><driver name='qemu' type='qcow2' cache='writeback' io='native'/>",
      "\t\t\t<target dev='vda' bus='virtio'/>",
      '\t\t</disk>',
      '\t</devices>',
      '</domain>',
      '',
    ].join('\r\n');
    const d = await c.open('file:///tmp/diag/crlf.xml', 'xml', text);
    const native = d.diagnostics.find((x) => x.code === 'native-aio-needs-direct')!;
    const line = text.split('\r\n')[3];
    const character = line.indexOf("io='native'") + 4;
    expect(native.range).toEqual({ start: { line: 3, character }, end: { line: 3, character: character + 6 } });
    // 😀 is two UTF-16 code units: the column counts both.
    expect(character).toBe([...line.slice(0, character)].length + 1);
  });

  it('turns half-typed text into syntax diagnostics and keeps serving', async () => {
    const uri = 'file:///tmp/diag/half.xml';
    const text = "<domain>\n  <devices>\n    <disk type='file' device='disk'>\n      <driver name='qemu' cache='writeback' io='native";
    const d = await c.open(uri, 'xml', text);
    expect(codes(d)).toContain('syntax-error');
    expect(codes(d)).toContain('native-aio-needs-direct');
    const end = c.doc(uri).positionAt(text.length);
    const fixed = await c.change(uri, [{ range: { start: end, end }, text: "'/>\n    </disk>\n  </devices>\n</domain>\n" }]);
    // Completed: the syntax problem is gone, the rule finding stays.
    expect(codes(fixed)).toEqual(['native-aio-needs-direct']);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///tmp/diag/closing.xml';
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const seen = c.diagnostics.received.length;
    await c.close(uri);
    const cleared = await c.diagnostics.next((p) => p.uri === uri, seen);
    expect(cleared.diagnostics).toEqual([]);
  });

  it('a clean document has no diagnostics', async () => {
    const d = await c.open('file:///tmp/diag/good.xml', 'xml', GOOD_XML);
    expect(d.diagnostics).toEqual([]);
  });
});

describe('per-keystroke work', () => {
  it('debounces: a burst of edits is checked once, for the last version', async () => {
    const slow = await TestClient.start({ initializationOptions: { debounceMs: 300 } });
    try {
      const uri = 'file:///tmp/diag/burst.xml';
      await slow.open(uri, 'xml', GOOD_XML);
      const seen = slow.diagnostics.received.length;
      let version = 1;
      const typed = 'writeback';
      const at = positionOf(GOOD_XML, "'none'", 1);
      // Replace `none` by typing `writeback` one character at a time.
      version = slow.sendChange(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 4 } }, text: '' }]);
      for (let i = 0; i < typed.length; i++) {
        version = slow.sendChange(uri, [{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: typed[i] }]);
      }
      const last = await slow.diagnosticsFor(uri, version);
      expect(version).toBe(11);
      expect(codes(last)).toContain('native-aio-needs-direct');
      expect(slow.diagnostics.received.slice(seen).filter((p) => p.uri === uri).map((p) => p.version)).toEqual([11]);
    } finally {
      await slow.stop();
    }
  });
});
