/** "Show effective cache settings of every disk": a Markdown table of the server's view of each disk. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { disksOf } from '../disks';
import type { Reports } from '../reports';

export async function showEffectiveCache(reports: Reports): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('vmdisk: open a domain XML or QEMU command line first.');
    return undefined;
  }
  const disks = await disksOf(editor.document);
  if (disks.length === 0) {
    void vscode.window.showInformationMessage(`vmdisk: ${vscode.workspace.asRelativePath(editor.document.uri)} has no disks vmdisk knows.`);
    return undefined;
  }
  const name = vscode.workspace.asRelativePath(editor.document.uri);
  return reports.show(`cache settings of ${basename(editor.document.uri.path)}`, effectiveCacheTable(name, disks));
}

export function effectiveCacheTable(documentName: string, disks: readonly { name: string; effective: string; range: vscode.Range }[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rows = disks.map((d) => `| ${cell(d.name)} | ${d.range.start.line + 1} | ${cell(d.effective)} |`);
  return [`# Effective cache settings: ${documentName}`, '', '| Disk | Line | Effective mode |', '|---|---|---|', ...rows, ''].join('\n');
}
