/**
 * vmdisk in a real VS Code, through the public `vscode` API only: what a user sees in the editor
 * (diagnostics, hover, quick fixes, completion, commands, settings) coming from the installed
 * extension and its language server.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { assert, assertEqual, type Suite } from './harness';
import { IMAGE_NAME, sha256, writeFixtures, type Fixtures } from './fixtures';
import { codeOf, diagnosticsWhere, tabWhere, until, withCode, withoutCode } from './wait';

const EXTENSION_ID = 'vmdisk.vmdisk';

async function open(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  return vscode.window.showTextDocument(document, { preview: false });
}

function positionOf(document: vscode.TextDocument, text: string, offsetInText = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert(at >= 0, `${JSON.stringify(text)} is not in ${document.uri.path}`);
  return document.positionAt(at + offsetInText);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const isError = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error;

/** A domain with two errors that fix-all mends (native AIO with writeback, and unsafe), written into `dir`. */
async function writeTwoErrorDomain(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const disk = (driver: string, image: string, dev: string) =>
    `    <disk type='file' device='disk'>\n      ${driver}\n      <source file='/var/lib/images/${image}'/>\n      <target dev='${dev}' bus='virtio'/>\n    </disk>\n`;
  await writeFile(
    path,
    `<domain type='kvm'>\n  <name>fix-all</name>\n  <devices>\n${disk("<driver name='qemu' type='raw' cache='writeback' io='native'/>", 'a.raw', 'vda')}${disk("<driver name='qemu' type='raw' cache='unsafe'/>", 'b.raw', 'vdb')}  </devices>\n</domain>\n`,
  );
  return path;
}

async function codeActionsFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies the preferred quick fix of the diagnostic with `code`, and waits until that diagnostic is gone. */
async function applyPreferredFix(editor: vscode.TextEditor, code: string, rangeText: string, title: RegExp): Promise<vscode.CodeAction> {
  const { document } = editor;
  const [diagnostic] = (await diagnosticsWhere(document.uri, withCode(code), `a ${code} diagnostic`)).filter((d) => codeOf(d) === code);
  assertEqual(document.getText(diagnostic.range), rangeText, `text under the ${code} diagnostic`);
  const actions = await codeActionsFor(document, diagnostic);
  // vscode.executeCodeActionProvider does not return `diagnostics`, and other findings may share the range.
  const fix = actions.find((a) => a.isPreferred && a.edit && title.test(a.title));
  assert(fix, `a preferred quick fix like ${title} among ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred === true]))}`);
  assert(await vscode.workspace.applyEdit(fix.edit!), `workspace.applyEdit refused "${fix.title}"`);
  await diagnosticsWhere(document.uri, withoutCode(code), `${code} to be gone after "${fix.title}"`);
  return fix;
}

/** Closes every editor; saving first, as a dirty editor would stop closeAllEditors at a save prompt. Reports are read-only. */
async function closeAllEditors(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until(
    vscode.window.tabGroups.onDidChangeTabs,
    () => (vscode.window.tabGroups.all.every((g) => g.tabs.length === 0) ? true : undefined),
    () => `every editor to close; open: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)))}`,
    10_000,
  );
}

export function vmdiskSuite(suite: Suite, root: string): void {
  let f: Fixtures;

  suite.test('the workspace files are written and an .args file is a qemu-cmdline document', async () => {
    f = await writeFixtures(root);
    const editor = await open(f.qemuArgs);
    assertEqual(editor.document.languageId, 'qemu-cmdline', 'language of ci-runner.args');
  });

  suite.test('opening a domain XML activates vmdisk and shows native-aio-needs-direct on the exact value', async () => {
    const { document } = await open(f.domainXml);
    assertEqual(document.eol, vscode.EndOfLine.CRLF, 'line ends of db01.xml');
    const diagnostics = await diagnosticsWhere(document.uri, withCode('native-aio-needs-direct'), 'native-aio-needs-direct');
    assert(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'vmdisk is active');
    const d = diagnostics.find((x) => codeOf(x) === 'native-aio-needs-direct')!;
    assertEqual(d.severity, vscode.DiagnosticSeverity.Error, 'severity');
    assert(['native', 'writeback'].includes(document.getText(d.range)), `range covers ${JSON.stringify(document.getText(d.range))}`);
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    assert(target?.path.endsWith('/docs/rules/native-aio-needs-direct.md'), `code link ${target?.toString()}`);
    assert(
      diagnostics.some((x) => codeOf(x) === 'unsafe-cache-in-production'),
      'unsafe-cache-in-production on the second disk in production',
    );
    suite.facts.domainDiagnostics = diagnostics.map((x) => ({ code: codeOf(x), text: document.getText(x.range), line: x.range.start.line }));
  });

  suite.test('hover on the cache value shows the effective flags of the disk', async () => {
    const document = (await open(f.domainXml)).document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, "cache='writeback'", "cache='".length + 2),
    );
    const text = hoverText(hovers);
    suite.facts.hover = text;
    assert(/O_DIRECT/.test(text), `hover mentions O_DIRECT: ${text}`);
    assert(/writeback/.test(text), `hover names the mode: ${text}`);
    // The same disk in the other syntax, with the non-ASCII path intact.
    assert(text.includes('-blockdev') && text.includes('/var/lib/images/ünïcode-😀.qcow2'), `hover shows the QEMU options: ${text}`);
  });

  suite.test("the preferred quick fix in the XML becomes cache='none' through workspace.applyEdit", async () => {
    const editor = await open(f.domainXml);
    const [diagnostic] = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'native-aio-needs-direct');
    const titles = (await codeActionsFor(editor.document, diagnostic)).map((a) => a.title);
    assert(titles.some((t) => /disable/i.test(t) && /line/i.test(t)), `a "disable for this line" action: ${JSON.stringify(titles)}`);
    assert(titles.some((t) => /disable/i.test(t) && /file/i.test(t)), `a "disable for this file" action: ${JSON.stringify(titles)}`);
    assert(titles.some((t) => /documentation/i.test(t)), `an "open documentation" action: ${JSON.stringify(titles)}`);
    await applyPreferredFix(editor, 'native-aio-needs-direct', 'native', /cache=none/);
    const line = editor.document.lineAt(positionOf(editor.document, "io='native'").line).text;
    assert(/cache='none'/.test(line) && /io='native'/.test(line), `fixed driver line: ${line}`);
    assertEqual(editor.document.eol, vscode.EndOfLine.CRLF, 'line ends after the fix');
  });

  suite.test('fix all: listed without its edit, which VS Code resolves when it applies the action', async () => {
    const path = await writeTwoErrorDomain(dirname(f.domainXml), 'fix-all.xml');
    const { document } = await open(path);
    await diagnosticsWhere(document.uri, (ds) => ds.filter(isError).length === 2, 'two errors to fix');
    const everywhere = new vscode.Range(0, 0, 0, 0);
    // As the lightbulb asks, naming no kind: the list leaves the fix-all edit out.
    const actions = (resolveCount: number) =>
      vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, everywhere, undefined, resolveCount);
    const listed = await actions(0);
    assertEqual(listed.map((a) => [a.title, a.edit === undefined]), [['Fix all vmdisk problems', true]], 'the listed fix-all action, without its edit');
    const [resolved] = await actions(1);
    assert(resolved?.edit && resolved.edit.size === 1, `the resolved action carries the edit: ${JSON.stringify(resolved)}`);
    assert(await vscode.workspace.applyEdit(resolved.edit), 'workspace.applyEdit refused the fix-all edit');
    await diagnosticsWhere(document.uri, (ds) => !ds.some(isError), 'no error left after fix all');
  });

  suite.test('completion in a cache value offers every cache mode', async () => {
    const { document } = await open(f.domainXml);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      positionOf(document, "cache='unsafe'", "cache='".length),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const mode of ['none', 'writeback', 'writethrough', 'directsync', 'unsafe']) assert(labels.includes(mode), `completion has ${mode}: ${JSON.stringify(labels)}`);
  });

  suite.test('a launch script: -drive cache=writethrough,aio=native is fixed to cache=directsync', async () => {
    const editor = await open(f.launchScript);
    assertEqual(editor.document.languageId, 'shellscript', 'language of launch-web.sh');
    await applyPreferredFix(editor, 'native-aio-needs-direct', 'native', /cache=directsync/);
    const line = editor.document.lineAt(positionOf(editor.document, 'wéb-😀.raw').line).text;
    assert(/cache=directsync,aio=native/.test(line), `fixed -drive: ${line}`);
  });

  suite.test('a JSON -blockdev is fixed into valid JSON with cache.direct=true', async () => {
    const editor = await open(f.qemuArgs);
    await applyPreferredFix(editor, 'native-aio-needs-direct', '"native"', /cache=none/);
    const line = editor.document.lineAt(positionOf(editor.document, 'ci.raw').line).text;
    const json = JSON.parse(/'(\{.*\})'/.exec(line)?.[1] ?? 'null') as { cache?: { direct?: boolean }; aio?: string } | null;
    assert(json?.cache?.direct === true && json.aio === 'native', `fixed -blockdev: ${line}`);
  });

  suite.test('switching vmdisk.environment to development drops unsafe-cache-in-production, and back', async () => {
    const { document } = await open(f.domainXml);
    await diagnosticsWhere(document.uri, withCode('unsafe-cache-in-production'), 'unsafe-cache-in-production in production');
    assertEqual(await vscode.commands.executeCommand('vmdisk.switchEnvironment', 'development'), 'development', 'environment after switching');
    assertEqual(vscode.workspace.getConfiguration('vmdisk').inspect('environment')?.workspaceValue, 'development', 'workspace setting');
    await diagnosticsWhere(document.uri, withoutCode('unsafe-cache-in-production'), 'unsafe-cache-in-production gone in development');
    await vscode.commands.executeCommand('vmdisk.switchEnvironment', 'production');
    await diagnosticsWhere(document.uri, withCode('unsafe-cache-in-production'), 'unsafe-cache-in-production back in production');
  });

  suite.test('the effective cache table lists every disk of the launch script', async () => {
    await open(f.launchScript);
    const table = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('vmdisk.showEffectiveCache');
    assert(table, 'a table document');
    const text = table.getText();
    suite.facts.effectiveCacheTable = text;
    const rows = text.split('\n').filter((l) => /^\| (?!Disk|---)/.test(l));
    assertEqual(rows.length, 2, `disk rows in\n${text}`);
    assert(/cache=directsync/.test(text) && /cache=none/.test(text), `modes in\n${text}`);
  });

  suite.test('the probe of the disk under the cursor measures the image (refused in restricted mode)', async () => {
    const editor = await open(f.probeXml);
    editor.selection = new vscode.Selection(positionOf(editor.document, 'images/'), positionOf(editor.document, 'images/'));
    const before = await sha256(f.image);
    const outcome = await vscode.commands.executeCommand<{ status: string; report?: Record<string, unknown>; markdown?: string }>('vmdisk.probeImageAtCursor');
    assertEqual(await sha256(f.image), before, 'image checksum after the probe');
    suite.facts.probeStatus = outcome?.status;
    if (!vscode.workspace.isTrusted) {
      assertEqual(outcome?.status, 'untrusted', 'probe outcome in restricted mode');
      return;
    }
    assertEqual(outcome?.status, 'done', `probe outcome (${JSON.stringify(outcome)})`);
    const report = outcome.report as { format?: string; kind?: string; directIO?: { supported?: boolean }; path?: string };
    assertEqual([report.kind, report.format], ['file', 'qcow2'], 'kind and format');
    assertEqual(typeof report.directIO?.supported, 'boolean', 'O_DIRECT verdict');
    const shown = vscode.window.activeTextEditor?.document;
    assert(shown, 'an editor shows the report');
    assertEqual([shown.languageId, shown.uri.scheme, shown.isDirty], ['markdown', 'vmdisk-report', false], 'the report is a read-only Markdown document');
    assertEqual(shown.getText(), outcome.markdown, 'the report shown is the one the server made');
    // Markdown escapes the underscore.
    assert(/O\\?_DIRECT/.test(shown.getText()) && shown.getText().includes(IMAGE_NAME), `the report names the image and O_DIRECT:\n${shown.getText()}`);
    suite.facts.probe = { kind: report.kind, format: report.format, directIO: report.directIO, path: report.path };
  });

  suite.test('open documentation shows the rule page that ships with the extension', async () => {
    const { document } = await open(f.sceneXml);
    const [d] = (await diagnosticsWhere(document.uri, withCode('native-aio-needs-direct'), 'native-aio-needs-direct')).filter(
      (x) => codeOf(x) === 'native-aio-needs-direct',
    );
    const link = typeof d.code === 'object' ? d.code.target.toString() : '';
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('vmdisk.openRuleDoc', link);
    assert(opened && opened.path.endsWith('/docs/rules/native-aio-needs-direct.md'), `opened ${opened?.toString()}`);
    const page = await readFile(opened.fsPath, 'utf8');
    assert(page.includes('native'), 'the page is the rule page');
    await tabWhere((label) => label.includes('native-aio-needs-direct'), 'a preview tab of the rule page');
  });

  suite.test('after restarting the server, a new edit is checked again', async () => {
    await vscode.commands.executeCommand('vmdisk.restartServer');
    const editor = await open(f.launchScript);
    const at = positionOf(editor.document, 'cache=none');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, new vscode.Range(at, at.translate(0, 'cache=none'.length)), 'cache=writeback');
    assert(await vscode.workspace.applyEdit(edit), 'edit applied');
    await diagnosticsWhere(editor.document.uri, withCode('native-aio-needs-direct'), 'native-aio-needs-direct from the restarted server');
  });

  suite.test('screenshot scene: a diagnostic and its hover in the editor', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const editor = await open(f.sceneXml);
    const diagnostics = await diagnosticsWhere(editor.document.uri, withCode('native-aio-needs-direct'), 'the scene diagnostic');
    const d = diagnostics.find((x) => codeOf(x) === 'native-aio-needs-direct')!;
    const at = d.range.start.translate(0, 1);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    suite.facts.scene = { line: at.line, character: at.character };
  });
}
