/**
 * The vmdisk extension: the language client for the bundled server, the palette commands, the
 * environment status bar item, the `vmdisk` output channel, and the domains of checked libvirt
 * connections (Problems entries and read-only XML documents).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_LIBVIRT_CONNECTION,
  OPEN_RULE_DOC,
  PROBE_IMAGE,
  PROBE_IMAGE_AT_CURSOR,
  RESTART_SERVER,
  SHOW_EFFECTIVE_CACHE,
  SWITCH_ENVIRONMENT,
} from './commandIds';
import { checkLibvirtConnection } from './commands/checkLibvirt';
import { showEffectiveCache } from './commands/effectiveCache';
import { environmentStatusItem, switchEnvironment, type Environment } from './commands/environment';
import { probeImage, type ProbeTarget } from './commands/probe';
import { probeImageAtCursor } from './commands/probeAtCursor';
import { openRuleDoc } from './commands/ruleDoc';
import { createLanguageClient } from './languageClient';
import { DomainDocuments } from './libvirt/domainDocuments';
import { Reports } from './reports';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('vmdisk', { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  const reports = new Reports();
  const domainDocuments = new DomainDocuments(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules'));
  const checkContext = { cliPath: context.asAbsolutePath('dist/cli.js'), state: context.globalState, documents: domainDocuments, output };
  context.subscriptions.push(
    output,
    reports,
    domainDocuments,
    environmentStatusItem(),
    vscode.commands.registerCommand(PROBE_IMAGE, (target: ProbeTarget) => probeImage(languageClient, reports, target)),
    vscode.commands.registerCommand(PROBE_IMAGE_AT_CURSOR, () => probeImageAtCursor(languageClient, reports)),
    vscode.commands.registerCommand(SHOW_EFFECTIVE_CACHE, () => showEffectiveCache(reports)),
    vscode.commands.registerCommand(SWITCH_ENVIRONMENT, (value?: Environment) => switchEnvironment(value)),
    vscode.commands.registerCommand(RESTART_SERVER, async () => {
      output.info('restarting the language server');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(OPEN_RULE_DOC, (url?: unknown) => openRuleDoc(context.extensionUri, url)),
    vscode.commands.registerCommand(CHECK_LIBVIRT_CONNECTION, (uri?: unknown) => checkLibvirtConnection(checkContext, uri)),
  );
  output.info(`vmdisk ${String(context.extension.packageJSON.version)}: starting the language server (${vscode.workspace.isTrusted ? 'trusted' : 'restricted mode: no probe, no libvirt checks'})`);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
