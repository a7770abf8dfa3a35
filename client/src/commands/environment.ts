/**
 * The workspace's environment (`vmdisk.environment`): a status bar item that shows it for the active
 * document and a command that switches it for the workspace.
 */
import * as vscode from 'vscode';
import { DOCUMENT_SELECTOR } from '../languageClient';
import { SWITCH_ENVIRONMENT } from '../commandIds';

export type Environment = 'production' | 'development';
const ENVIRONMENTS: readonly { value: Environment; detail: string }[] = [
  { value: 'production', detail: 'Guests hold data that must survive a host crash: unsafe cache modes are findings.' },
  { value: 'development', detail: 'Throw-away guests: cache=unsafe and similar speed-ups are fine.' },
];

function environmentOf(resource: vscode.Uri | undefined): Environment {
  return vscode.workspace.getConfiguration('vmdisk', resource).get<Environment>('environment', 'production');
}

/** Sets the environment for the workspace (user settings when no folder is open); returns the value in force for the active document. */
export async function switchEnvironment(value?: Environment): Promise<Environment | undefined> {
  const resource = vscode.window.activeTextEditor?.document.uri;
  const current = environmentOf(resource);
  const chosen =
    value ??
    (
      await vscode.window.showQuickPick(
        ENVIRONMENTS.map((e) => ({ label: e.value, detail: e.detail, description: e.value === current ? 'current' : undefined, value: e.value })),
        { title: 'vmdisk: environment of this workspace' },
      )
    )?.value;
  if (!chosen) return undefined;
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('vmdisk').update('environment', chosen, target);
  const effective = environmentOf(resource);
  if (effective !== chosen) {
    void vscode.window.showWarningMessage(`vmdisk: the workspace is now ${chosen}, but a folder setting keeps this document at ${effective}.`);
  }
  return effective;
}

export function environmentStatusItem(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('vmdisk.environment', vscode.StatusBarAlignment.Right, 100);
  item.name = 'vmdisk environment';
  item.command = SWITCH_ENVIRONMENT;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !vscode.languages.match(DOCUMENT_SELECTOR, editor.document)) {
      item.hide();
      return;
    }
    const env = environmentOf(editor.document.uri);
    item.text = `$(server-environment) vmdisk: ${env}`;
    item.tooltip = `vmdisk checks this document for ${env} guests. Click to switch.`;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('vmdisk.environment') && update()),
  );
}
