/**
 * "Check domains of a libvirt connection…": asks for a URI (or takes it as the argument), runs the
 * bundled CLI's fleet lint on it with the workspace's settings, and shows every domain's findings
 * in Problems, each opening the domain's XML read-only. Only in a trusted workspace: it runs
 * virsh, which connects to hypervisors with the user's credentials.
 */
import * as vscode from 'vscode';
import { resolveSettings } from '../../../shared/src/settings';
import { ALL_CODES } from '../../../shared/src/rules';
import { domainOfLocation } from '../libvirt/documentUri';
import type { DomainDocument, DomainDocuments } from '../libvirt/domainDocuments';
import type { FleetConnection } from '../libvirt/fleetOutput';
import { pickConnection, rememberConnectionIn } from '../libvirt/pickConnection';
import { runFleetLint } from '../libvirt/runFleetLint';

/** What the command returns to its caller (a test, another extension); undefined when no URI was given. */
export type CheckOutcome =
  | { status: 'done'; connection: FleetConnection; documents: { uri: string; domain: string; live: boolean; findings: number }[] }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' }
  | { status: 'untrusted' };

export interface CheckContext {
  cliPath: string;
  state: vscode.Memento;
  documents: DomainDocuments;
  output: vscode.LogOutputChannel;
}

export async function checkLibvirtConnection(ctx: CheckContext, given?: unknown): Promise<CheckOutcome | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage('vmdisk: checking a libvirt connection runs virsh, so it runs only in a trusted workspace.', 'Manage Workspace Trust')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return { status: 'untrusted' };
  }
  const uri = typeof given === 'string' && given.trim() !== '' ? given.trim() : await pickConnection(ctx.state);
  if (!uri) return undefined;
  ctx.output.info(`checking the domains of ${uri}`);
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `vmdisk: checking ${uri}…`, cancellable: true },
    (progress, token) => {
      progress.report({ message: 'listing the domains and reading their definitions with virsh' });
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      return runFleetLint(ctx.cliPath, uri, settingsArgs(), abort.signal).finally(() => cancel.dispose());
    },
  );
  if (run.status === 'cancelled') {
    ctx.output.info(`${uri}: check cancelled`);
    return run;
  }
  if (run.status === 'failed') return failed(ctx, uri, run.message);
  const connection = run.output.connections.find((c) => c.uri === uri) ?? run.output.connections[0];
  if (!connection) return failed(ctx, uri, 'the check reported no connection');
  if (!connection.ok && connection.domains.length === 0) return failed(ctx, uri, connection.error ?? 'the connection failed');
  await rememberConnectionIn(ctx.state, uri);
  const documents = run.output.files.flatMap((file): DomainDocument[] => {
    const at = domainOfLocation(file.path);
    return at ? [{ ref: { connection: uri, domain: at.domain, live: at.live }, xml: file.xml, findings: file.diagnostics }] : [];
  });
  const uris = ctx.documents.replaceConnection(uri, documents);
  report(ctx, connection, documents);
  return {
    status: 'done',
    connection,
    documents: documents.map((d, i) => ({ uri: uris[i].toString(), domain: d.ref.domain, live: d.ref.live, findings: d.findings.length })),
  };
}

/** The workspace's settings as the CLI takes them, so Problems agrees with the open documents. */
function settingsArgs(): string[] {
  const config = vscode.workspace.getConfiguration('vmdisk');
  const { settings } = resolveSettings({
    environment: config.get('environment'),
    migration: config.get('migration'),
    rules: config.get('rules'),
    target: { qemuVersion: config.get('target.qemuVersion'), libvirtVersion: config.get('target.libvirtVersion') },
  });
  // The CLI refuses codes it does not know, the language server ignores them: pass only known ones.
  const rules = Object.entries(settings.rules)
    .filter(([code]) => ALL_CODES.includes(code))
    .flatMap(([code, severity]) => ['--rule', `${code}=${severity}`]);
  return [
    '--environment', settings.environment, '--migration', settings.migration,
    '--qemu-version', settings.qemuVersion, '--libvirt-version', settings.libvirtVersion, ...rules,
  ];
}

function failed(ctx: CheckContext, uri: string, message: string): CheckOutcome {
  ctx.output.error(`${uri}: ${message}`);
  void vscode.window.showErrorMessage(`vmdisk: could not check ${uri}: ${message}`);
  return { status: 'failed', message };
}

function report(ctx: CheckContext, connection: FleetConnection, documents: readonly DomainDocument[]): void {
  const running = connection.domains.filter((d) => d.running).length;
  const findings = documents.reduce((n, d) => n + d.findings.length, 0);
  const summary = `${connection.uri}: ${plural(connection.domains.length, 'domain')} (${running} running), ${plural(findings, 'finding')}`;
  ctx.output.info(summary);
  if (connection.remote) {
    ctx.output.info(`${connection.uri} names another host: the probe is not available for its domains' disks, whose images are on that host (run \`vmdisk probe PATH\` there).`);
  }
  if (!connection.ok) {
    ctx.output.warn(`${connection.uri}: ${connection.error ?? 'some domains could not be read'}`);
    void vscode.window.showWarningMessage(`vmdisk: ${summary}; not everything could be read: ${connection.error ?? ''}`);
    return;
  }
  const show = findings > 0 ? ['Show Problems'] : [];
  void vscode.window
    .showInformationMessage(`vmdisk: ${summary}.`, ...show)
    .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
