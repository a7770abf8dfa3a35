/**
 * The vmdisk extension: the language client for the bundled server, the palette commands, the
 * environment status bar item and the `vmdisk` output channel.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  OPEN_RULE_DOC,
  PROBE_IMAGE,
  PROBE_IMAGE_AT_CURSOR,
  RESTART_SERVER,
  SHOW_EFFECTIVE_CACHE,
  SWITCH_ENVIRONMENT,
} from './commandIds';
import { showEffectiveCache } from './commands/effectiveCache';
import { environmentStatusItem, switchEnvironment, type Environment } from './commands/environment';
import { probeImage, type ProbeTarget } from './commands/probe';
import { probeImageAtCursor } from './commands/probeAtCursor';
import { openRuleDoc } from './commands/ruleDoc';
import { createLanguageClient } from './languageClient';
import { Reports } from './reports';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('vmdisk', { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  const reports = new Reports();
  context.subscriptions.push(
    output,
    reports,
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
  );
  output.info(`vmdisk ${String(context.extension.packageJSON.version)}: starting the language server (${vscode.workspace.isTrusted ? 'trusted' : 'restricted mode: no probe'})`);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
