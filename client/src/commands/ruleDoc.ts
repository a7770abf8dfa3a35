/**
 * "Open documentation" of a rule. The server's code actions pass the page's URL: a `file:` URL of the
 * page installed with the extension (docs/rules/CODE.md) opens in the Markdown preview, where the
 * extension runs (the remote host too); other URLs open outside. From the palette: pick a rule.
 */
import * as vscode from 'vscode';

export async function openRuleDoc(extensionUri: vscode.Uri, url?: unknown): Promise<vscode.Uri | undefined> {
  const target = typeof url === 'string' && url !== '' ? vscode.Uri.parse(url) : await pickRule(extensionUri);
  if (!target) return undefined;
  if (target.scheme === 'file' || target.scheme === extensionUri.scheme) {
    await vscode.commands.executeCommand('markdown.showPreview', target);
  } else {
    await vscode.env.openExternal(target);
  }
  return target;
}

async function pickRule(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const dir = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const codes = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md') && name !== 'README.md')
    .map(([name]) => name.slice(0, -'.md'.length))
    .sort();
  const code = await vscode.window.showQuickPick(codes, { title: 'vmdisk: open the documentation of a rule' });
  return code ? vscode.Uri.joinPath(dir, `${code}.md`) : undefined;
}
