import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, codes, editsOf, fullCapabilities, TestClient } from './client';
import { BLOCKDEV_ARGS, DRIVE_ARGS, NATIVE_WRITEBACK_XML, SHELL_SCRIPT, UNSAFE_XML } from './fixtures';

let c: TestClient;
beforeAll(async () => {
  assertServerBuilt();
  c = await TestClient.start();
});
afterAll(() => c.stop());

function find(p: PublishDiagnosticsParams, code: string): Diagnostic {
  const d = p.diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in ${JSON.stringify(codes(p))}`);
  return d;
}

async function actionsFor(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return c.codeActions(uri, diagnostic.range, { diagnostics: [diagnostic], only });
}

const errors = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.severity === 1);

describe('quick fixes', () => {
  it('XML: io=native + cache=writeback → preferred cache=none removes the error and adds none', async () => {
    const uri = 'file:///tmp/ca/web.xml';
    const before = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const actions = await actionsFor(uri, find(before, 'native-aio-needs-direct'));
    expect(actions.map((a) => a.title)).toEqual([
      'Use cache=none',
      'Use io=threads',
      'Use io=io_uring',
      'Disable native-aio-needs-direct for this line',
      'Disable native-aio-needs-direct for this file',
      'Open documentation for native-aio-needs-direct',
      // Without `only`, the source action comes along too.
      'Fix all vmdisk problems',
    ]);
    const preferred = actions.filter((a) => a.isPreferred);
    expect(preferred.map((a) => a.title)).toEqual(['Use cache=none']);
    expect(preferred[0].kind).toBe('quickfix');
    const after = await c.applyEdits(uri, editsOf(preferred[0], uri));
    expect(c.text(uri)).toContain("cache='none' io='native'");
    expect(codes(after)).not.toContain('native-aio-needs-direct');
    expect(errors(after)).toEqual([]);
  });

  it('-drive: cache=writethrough,aio=native → cache=directsync', async () => {
    const uri = 'file:///tmp/ca/ci.args';
    const before = await c.open(uri, 'qemu-cmdline', DRIVE_ARGS);
    const [fix] = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).filter((a) => a.isPreferred);
    expect(fix.title).toBe('Use cache=directsync');
    const after = await c.applyEdits(uri, editsOf(fix, uri));
    expect(c.text(uri)).toContain('cache=directsync,aio=native');
    expect(errors(after)).toEqual([]);
  });

  it('JSON -blockdev: the fix keeps valid JSON', async () => {
    const uri = 'file:///tmp/ca/b.args';
    const before = await c.open(uri, 'qemu-cmdline', BLOCKDEV_ARGS);
    const [fix] = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).filter((a) => a.isPreferred);
    const after = await c.applyEdits(uri, editsOf(fix, uri));
    expect(errors(after)).toEqual([]);
    const json = /-blockdev '(\{"driver":"file".*\})'/.exec(c.text(uri))![1];
    expect(JSON.parse(json).cache.direct).toBe(true);
  });

  it('finds the fixes from the diagnostic alone: its `data` names the finding, its code and range do without', async () => {
    const uri = 'file:///tmp/ca/data.xml';
    const before = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const diagnostic = find(before, 'native-aio-needs-direct');
    const withData = await actionsFor(uri, diagnostic);
    expect(withData.filter((a) => a.edit).length).toBeGreaterThan(3);
    // A client that drops `data` still gets the fixes, found again by code and range.
    const withoutData = await actionsFor(uri, { ...diagnostic, data: undefined });
    expect(withoutData.map((a) => [a.title, a.edit])).toEqual(withData.map((a) => [a.title, a.edit]));
  });

  it('offers no edits for a diagnostic of an older text that no finding matches any more', async () => {
    const uri = 'file:///tmp/ca/stale.xml';
    const before = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const diagnostic = find(before, 'native-aio-needs-direct');
    // A new line above the disk: the old diagnostic's range now points at other text.
    await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<!-- moved -->\n' }]);
    expect((await actionsFor(uri, diagnostic)).filter((a) => a.kind === 'quickfix')).toEqual([]);
    // The same diagnostic, moved down one line as an editor moves its markers, finds its finding again.
    const moved = { ...diagnostic, range: { start: { ...diagnostic.range.start, line: diagnostic.range.start.line + 1 }, end: { ...diagnostic.range.end, line: diagnostic.range.end.line + 1 } } };
    const fixes = (await actionsFor(uri, moved)).filter((a) => a.isPreferred);
    expect(fixes.map((a) => a.title)).toEqual(['Use cache=none']);
  });

  it('offers documentation through the vmdisk.openRuleDoc command, which other editors get via showDocument', async () => {
    const uri = 'file:///tmp/ca/doc.xml';
    const before = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const diagnostic = find(before, 'native-aio-needs-direct');
    const open = (await actionsFor(uri, diagnostic)).find((a) => a.title.startsWith('Open documentation'))!;
    expect(open.command).toEqual({ title: 'Open documentation for native-aio-needs-direct', command: 'vmdisk.openRuleDoc', arguments: [diagnostic.codeDescription!.href] });
    expect(await c.executeCommand(open.command!.command, open.command!.arguments!)).toEqual({ opened: true });
    expect(c.shownDocuments).toEqual([{ uri: diagnostic.codeDescription!.href, external: false }]);
  });

  it('respects context.only', async () => {
    const uri = 'file:///tmp/ca/only.xml';
    const before = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const diagnostic = find(before, 'native-aio-needs-direct');
    const source = await actionsFor(uri, diagnostic, ['source']);
    expect(source.map((a) => a.kind)).toEqual(['source.fixAll.vmdisk']);
    const quick = await actionsFor(uri, diagnostic, ['quickfix']);
    expect(quick.every((a) => a.kind === 'quickfix')).toBe(true);
  });
});

describe('disable comments', () => {
  it('XML, this line: a comment above, same indentation, CRLF kept', async () => {
    const uri = 'file:///tmp/ca/crlf.xml';
    const text = NATIVE_WRITEBACK_XML.replace(/\n/g, '\r\n').replace(/^ {6}<driver/m, '\t\t\t<driver');
    const before = await c.open(uri, 'xml', text);
    const action = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).find((a) => a.title === 'Disable native-aio-needs-direct for this line')!;
    const after = await c.applyEdits(uri, editsOf(action, uri));
    expect(c.text(uri)).toContain("\r\n\t\t\t<!-- vmdisk-disable-next-line native-aio-needs-direct -->\r\n\t\t\t<driver name='qemu'");
    expect(codes(after)).toEqual(codes(before).filter((x) => x !== 'native-aio-needs-direct'));
  });

  it('XML, not offered where a comment line would land inside a start tag', async () => {
    const uri = 'file:///tmp/ca/split.xml';
    const text = NATIVE_WRITEBACK_XML.replace("<driver name='qemu' type='qcow2' cache='writeback' io='native'/>", "<driver name='qemu' type='qcow2'\n              cache='writeback' io='native'/>");
    const before = await c.open(uri, 'xml', text);
    const titles = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).map((a) => a.title);
    expect(titles).not.toContain('Disable native-aio-needs-direct for this line');
    expect(titles).toContain('Disable native-aio-needs-direct for this file');
  });

  it('XML, a second code on the same line joins the existing comment', async () => {
    const uri = 'file:///tmp/ca/join.xml';
    const before = await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const first = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).find((a) => a.title.endsWith('for this line'))!;
    const middle = await c.applyEdits(uri, editsOf(first, uri));
    const second = (await actionsFor(uri, find(middle, 'migration-unsafe-cache'))).find((a) => a.title.endsWith('for this line'))!;
    const after = await c.applyEdits(uri, editsOf(second, uri));
    expect(c.text(uri)).toContain('<!-- vmdisk-disable-next-line native-aio-needs-direct, migration-unsafe-cache -->');
    expect(after.diagnostics).toEqual([]);
  });

  it('XML, this file: after the XML declaration', async () => {
    const uri = 'file:///tmp/ca/file.xml';
    const before = await c.open(uri, 'xml', `<?xml version="1.0"?>\n${UNSAFE_XML}`);
    const action = (await actionsFor(uri, find(before, 'unsafe-cache-in-production'))).find((a) => a.title === 'Disable unsafe-cache-in-production for this file')!;
    const after = await c.applyEdits(uri, editsOf(action, uri));
    expect(c.text(uri).startsWith('<?xml version="1.0"?>\n<!-- vmdisk-disable unsafe-cache-in-production -->\n<domain')).toBe(true);
    expect(codes(after)).not.toContain('unsafe-cache-in-production');
  });

  it('XML, this file: a second code joins the file pragma wherever it is, not a next-line one', async () => {
    const uri = 'file:///tmp/ca/file-join.xml';
    const text = `${NATIVE_WRITEBACK_XML.replace('      <driver', '      <!-- vmdisk-disable-next-line shareable-unsupported-format -->\n      <driver')}<!-- vmdisk-disable migration-unsafe-cache -->\n`;
    const before = await c.open(uri, 'xml', text);
    expect(codes(before)).toEqual(['native-aio-needs-direct']);
    const action = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).find((a) => a.title.endsWith('for this file'))!;
    const after = await c.applyEdits(uri, editsOf(action, uri));
    expect(c.text(uri)).toBe(text.replace('migration-unsafe-cache -->', 'migration-unsafe-cache, native-aio-needs-direct -->'));
    expect(after.diagnostics).toEqual([]);
  });

  it('shell script, this file: after the shebang', async () => {
    const uri = 'file:///tmp/ca/run.sh';
    const before = await c.open(uri, 'shellscript', SHELL_SCRIPT);
    const titles = (await actionsFor(uri, find(before, 'unsafe-cache-in-production'))).map((a) => a.title);
    // A comment line inside a `\` continuation would end the shell command: not offered.
    expect(titles).not.toContain('Disable unsafe-cache-in-production for this line');
    const action = (await actionsFor(uri, find(before, 'unsafe-cache-in-production'))).find((a) => a.title.endsWith('for this file'))!;
    const after = await c.applyEdits(uri, editsOf(action, uri));
    expect(c.text(uri).startsWith('#!/bin/sh\n# vmdisk-disable unsafe-cache-in-production\nset -e\n')).toBe(true);
    expect(codes(after)).not.toContain('unsafe-cache-in-production');
  });

  it('.args, this line: `# vmdisk-disable-next-line` above the option', async () => {
    const uri = 'file:///tmp/ca/line.args';
    const before = await c.open(uri, 'qemu-cmdline', DRIVE_ARGS);
    const action = (await actionsFor(uri, find(before, 'native-aio-needs-direct'))).find((a) => a.title.endsWith('for this line'))!;
    const after = await c.applyEdits(uri, editsOf(action, uri));
    expect(c.text(uri)).toContain('  -m 2048 \\\n  # vmdisk-disable-next-line native-aio-needs-direct\n  -drive ');
    expect(codes(after)).toEqual(codes(before).filter((x) => x !== 'native-aio-needs-direct'));
  });
});

describe('fix all', () => {
  it('applies every preferred fix whose edits do not overlap, leaving no error', async () => {
    const uri = 'file:///tmp/ca/all.xml';
    const text = NATIVE_WRITEBACK_XML.replace(
      '  </devices>',
      `    <disk type='file' device='disk'>
      <driver name='qemu' type='raw' cache='writethrough' io='native' detect_zeroes='unmap'/>
      <source file='/var/lib/libvirt/images/two.raw'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
  </devices>`,
    );
    const before = await c.open(uri, 'xml', text);
    expect(errors(before).length).toBeGreaterThanOrEqual(2);
    const all = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
    expect(all.map((a) => [a.title, a.kind])).toEqual([['Fix all vmdisk problems', 'source.fixAll.vmdisk']]);
    const after = await c.applyEdits(uri, editsOf(all[0], uri));
    expect(errors(after)).toEqual([]);
    expect(c.text(uri)).toContain("cache='none' io='native'");
    expect(c.text(uri)).toContain("cache='directsync' io='native'");
  });

  it('is not offered when nothing has a preferred fix', async () => {
    const uri = 'file:///tmp/ca/clean.xml';
    await c.open(uri, 'xml', "<domain><devices><disk type='file'><driver name='qemu' type='raw' cache='none'/><source file='/a.raw'/><target dev='vda'/></disk></devices></domain>");
    expect(await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source'] })).toEqual([]);
  });
});

describe('fix all, with the edit resolved when chosen (as VS Code asks)', () => {
  let r: TestClient;
  beforeAll(async () => {
    const capabilities = fullCapabilities();
    capabilities.textDocument!.codeAction!.resolveSupport = { properties: ['edit'] };
    r = await TestClient.start({ capabilities });
  });
  afterAll(() => r.stop());

  const everywhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const fixAllOf = (actions: CodeAction[]): CodeAction => {
    const found = actions.find((a) => a.title === 'Fix all vmdisk problems');
    if (!found) throw new Error(`no fix-all among ${JSON.stringify(actions.map((a) => a.title))}`);
    return found;
  };

  it('gives the edit at once to a request that names the fix-all kind, as on save', async () => {
    const uri = 'file:///tmp/ca/resolve-named.xml';
    await r.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    for (const only of [['source.fixAll.vmdisk'], ['source.fixAll'], ['source']]) {
      const [named] = await r.codeActions(uri, everywhere, { diagnostics: [], only });
      expect(named.title).toBe('Fix all vmdisk problems');
      expect(named.edit?.changes?.[uri]?.length).toBeGreaterThan(0);
    }
  });

  it('lists the action without its edit, and resolves it to the edit a client without resolve gets', async () => {
    const uri = 'file:///tmp/ca/resolve.xml';
    await r.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const listed = fixAllOf(await r.codeActions(uri, everywhere, { diagnostics: [] }));
    expect(listed.edit).toBeUndefined();
    const resolved = await r.resolveCodeAction(listed);
    await c.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const [inline] = await c.codeActions(uri, everywhere, { diagnostics: [], only: ['source.fixAll'] });
    expect(inline.edit).toBeDefined();
    expect(resolved).toEqual({ ...listed, edit: inline.edit });
  });

  it('resolves against the text as it is when the action is chosen', async () => {
    const uri = 'file:///tmp/ca/resolve-later.xml';
    await r.open(uri, 'xml', NATIVE_WRITEBACK_XML);
    const listed = fixAllOf(await r.codeActions(uri, everywhere, { diagnostics: [] }));
    // Two lines typed above the disks after the list was made: the edit must land on the moved text.
    await r.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  <!-- one -->\n  <!-- two -->\n' }]);
    const after = await r.applyEdits(uri, editsOf(await r.resolveCodeAction(listed), uri));
    expect(errors(after)).toEqual([]);
    expect(r.text(uri)).toContain("cache='none' io='native'");
  });

  it('is not listed when nothing has a preferred fix, as without resolve', async () => {
    const uri = 'file:///tmp/ca/resolve-clean.xml';
    await r.open(uri, 'xml', "<domain><devices><disk type='file'><driver name='qemu' type='raw' cache='none'/><source file='/a.raw'/><target dev='vda'/></disk></devices></domain>");
    expect((await r.codeActions(uri, everywhere, { diagnostics: [] })).map((a) => a.title)).not.toContain('Fix all vmdisk problems');
  });

  it('gives back an action that is not its own unchanged', async () => {
    const foreign: CodeAction = { title: 'something else', kind: 'source.fixAll.other', data: { fixAllOf: 'file:///x.xml' } };
    expect(await r.resolveCodeAction(foreign)).toEqual(foreign);
  });
});
