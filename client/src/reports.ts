/**
 * Read-only Markdown documents for what the commands produce (probe reports, cache tables): a
 * virtual `vmdisk-report:` document is never dirty, so closing it asks nothing, and it can be
 * previewed, copied or saved like any Markdown file.
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'vmdisk-report';

export class Reports implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];
  private count = 0;

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((d) => this.contents.delete(d.uri.toString())),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `markdown` beside the current editor, titled `title`.md. */
  async show(title: string, markdown: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${++this.count}/${title.replace(/[\\/]/g, '_')}.md` });
    this.contents.set(uri.toString(), markdown);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return document;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
