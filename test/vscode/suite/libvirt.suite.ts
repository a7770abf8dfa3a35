/**
 * "Check domains of a libvirt connection…" in a real VS Code, against libvirt's test driver: a
 * node file written into the workspace, the command run on `test:///ABSOLUTE/PATH/node.xml`, its
 * findings in Problems compared with the CLI's JSON, one domain opened read-only with hover,
 * and each finding listed once when it is open. (When a closed document's findings come back is
 * VS Code's choice: it disposes a closed document's model some time later, not on closing the tab.)
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { disk, uuid, writeNode, type TestDomain } from '../../fleet/nodeFiles';
import { assert, assertEqual, type Suite } from './harness';
import { codeOf, diagnosticsWhere } from './wait';

const EXTENSION_ID = 'vmdisk.vmdisk';
const COMMAND = 'vmdisk.checkLibvirtConnection';
const SCHEME = 'vmdisk-libvirt';

/** Running and shut off; cache and io settings that are fine, wrong, or unsafe; a non-ASCII name and path. */
const DOMAINS: readonly TestDomain[] = [
  {
    name: 'db01', uuid: uuid(1), running: true,
    disks: [
      disk('vda', "type='qcow2' cache='none' io='native'", '/var/lib/libvirt/images/db01-root.qcow2'),
      disk('vdb', "type='raw' cache='writeback' io='native'", '/var/lib/libvirt/images/db01-data.raw'),
    ].join('\n'),
  },
  { name: 'scratch', uuid: uuid(2), running: false, disks: disk('vda', "type='qcow2' cache='unsafe'", '/var/lib/libvirt/images/scratch.qcow2') },
  { name: 'quiet', uuid: uuid(3), running: true, disks: disk('vda', "type='raw' cache='none' io='io_uring'", '/var/lib/libvirt/images/quiet.raw') },
  {
    name: 'wéb ünï-😀', uuid: uuid(4), running: false,
    disks: disk('vda', "type='qcow2' cache='writethrough' io='native'", '/var/lib/images/ünïcode-😀.qcow2'),
  },
];

interface CliFinding {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface CliOutput {
  files: { path: string; diagnostics: CliFinding[]; xml: string }[];
  connections: { uri: string; ok: boolean; error?: string; remote: boolean; domains: { name: string; running: boolean }[] }[];
}

type Outcome =
  | { status: 'done'; connection: CliOutput['connections'][number]; documents: { uri: string; domain: string; live: boolean; findings: number }[] }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' | 'untrusted' };

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The same check through the extension's own CLI, as a user would run it in a terminal. */
function cliJson(uri: string): Promise<CliOutput> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert(extension, `${EXTENSION_ID} is installed`);
  const cli = join(extension.extensionPath, 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'lint', '--connect', uri, '--format', 'json', '--include-xml'],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as CliOutput);
        } catch {
          reject(new Error(`vmdisk lint --connect ${uri}: ${error?.message ?? ''}\n${stderr}`));
        }
      },
    );
  });
}

/** A finding as the CLI writes it, from a diagnostic in the editor. */
function asCliFinding(d: vscode.Diagnostic): CliFinding {
  const { start, end } = d.range;
  return {
    code: codeOf(d) ?? '',
    severity: SEVERITY[d.severity],
    message: d.message,
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
  };
}

const key = (f: CliFinding) => JSON.stringify([f.range.start.line, f.range.start.character, f.code, f.message, f.severity, f.range.end]);
const sameFindings = (diagnostics: vscode.Diagnostic[], expected: readonly CliFinding[]) =>
  JSON.stringify(diagnostics.map(asCliFinding).map(key).sort()) === JSON.stringify(expected.map(key).sort());
/** The language server's diagnostics say `vmdisk`; the check's say `vmdisk-libvirt`. */
const fromServer = (d: vscode.Diagnostic) => d.source === 'vmdisk';

export function libvirtSuite(suite: Suite, root: string): void {
  let connection = '';
  let cli: CliOutput | undefined;
  let outcome: Outcome | undefined;

  suite.test("checking a libvirt connection lists every domain's findings in Problems, as the CLI reports them (refused in restricted mode)", async () => {
    const dir = join(root, 'libvirt');
    await mkdir(dir, { recursive: true });
    connection = writeNode(dir, 'node.xml', DOMAINS);
    outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, connection);
    if (!vscode.workspace.isTrusted) {
      assertEqual(outcome?.status, 'untrusted', 'the check in restricted mode');
      const shown = vscode.languages.getDiagnostics().filter(([uri]) => uri.scheme === SCHEME);
      assertEqual(shown.length, 0, 'libvirt entries in Problems after a refused check');
      return;
    }
    assert(outcome?.status === 'done', `the check's outcome: ${JSON.stringify(outcome)}`);
    cli = await cliJson(connection);
    assertEqual(outcome.connection, cli.connections[0], 'what the command says about the connection');
    assertEqual(outcome.connection.domains.map((d) => d.name), [...DOMAINS].map((d) => d.name).sort(), 'every domain found');
    assertEqual(outcome.documents.length, cli.files.length, 'one document per CLI file');
    for (const [i, file] of cli.files.entries()) {
      const document = outcome.documents[i];
      assertEqual(file.path.endsWith(`/${encodeURIComponent(document.domain)}`), true, `${file.path} is ${document.domain}`);
      const uri = vscode.Uri.parse(document.uri, true);
      assertEqual([uri.scheme, uri.path.endsWith(`/${document.domain}.xml`)], [SCHEME, true], `document URI ${document.uri}`);
      const diagnostics = await diagnosticsWhere(uri, (ds) => sameFindings(ds, file.diagnostics), `the CLI's findings for ${document.domain}`);
      assert(diagnostics.every((d) => d.source === 'vmdisk-libvirt'), `sources of ${document.domain}'s findings: ${diagnostics.map((d) => d.source)}`);
      for (const d of diagnostics) {
        const target = typeof d.code === 'object' ? d.code.target : undefined;
        assert(target?.path.endsWith(`/docs/rules/${codeOf(d)}.md`), `code link of ${codeOf(d)}: ${target?.toString()}`);
      }
    }
    const codes = (domain: string) => cli!.files.find((f) => f.path.endsWith(`/${encodeURIComponent(domain)}`))!.diagnostics.map((d) => d.code);
    assert(codes('db01').includes('native-aio-needs-direct'), `db01: ${codes('db01')}`);
    assert(codes('scratch').includes('unsafe-cache-in-production'), `scratch: ${codes('scratch')}`);
    assert(codes('wéb ünï-😀').includes('native-aio-needs-direct'), `wéb ünï-😀: ${codes('wéb ünï-😀')}`);
    assertEqual(codes('quiet'), [], 'quiet has nothing to report');

    const broken = `test://${join(dir, 'missing.xml')}`;
    const failed = await vscode.commands.executeCommand<Outcome>(COMMAND, broken);
    assert(failed?.status === 'failed' && /^failed to connect to the hypervisor: .*missing\.xml/.test(failed.message), `a broken connection: ${JSON.stringify(failed)}`);
  });

  suite.test("a domain's XML opens read-only from Problems, with hover, and each finding is listed once", async () => {
    if (!vscode.workspace.isTrusted) {
      // Nothing was fetched: the document says how to fetch it and shows no findings.
      const editor = await vscode.window.showTextDocument(vscode.Uri.from({ scheme: SCHEME, path: `/${connection}/db01.xml` }));
      assert(/has not fetched this domain/.test(editor.document.getText()), `text of an unfetched domain: ${editor.document.getText()}`);
      assertEqual(vscode.languages.getDiagnostics(editor.document.uri).length, 0, 'findings on an unfetched domain');
      return;
    }
    assert(outcome?.status === 'done' && cli, 'the check ran');
    const index = outcome.documents.findIndex((d) => d.domain === 'db01');
    const file = cli.files[index];
    const uri = vscode.Uri.parse(outcome.documents[index].uri, true);
    const [first] = vscode.languages.getDiagnostics(uri);
    // What clicking the problem does: open the resource with the problem's range selected.
    const editor = await vscode.window.showTextDocument(uri, { selection: first.range, preview: false });
    const { document } = editor;
    assertEqual([document.uri.scheme, document.isUntitled, document.languageId, document.isDirty], [SCHEME, false, 'xml', false], 'scheme, untitled, language, dirty');
    assertEqual(document.getText(), file.xml, 'the document is the XML the CLI checked');
    assertEqual(editor.selection.start, first.range.start, "the cursor at the problem's start");

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(document.getText().indexOf("cache='writeback'") + "cache='".length + 2));
    const hover = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert(/O_DIRECT/.test(hover) && /writeback/.test(hover), `hover on the domain's cache value: ${hover}`);

    // Open: the language server's findings, each once; the check's entry steps aside.
    const serverAlone = (ds: vscode.Diagnostic[]) => ds.every(fromServer) && sameFindings(ds, file.diagnostics);
    await diagnosticsWhere(uri, serverAlone, 'the server alone reporting the CLI findings, once each');
    // Checking again while it is open leaves it to the server too.
    assertEqual((await vscode.commands.executeCommand<Outcome>(COMMAND, connection))?.status, 'done', 'the second check');
    assert(serverAlone(vscode.languages.getDiagnostics(uri)), `after the second check: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(asCliFinding))}`);
  });
}
