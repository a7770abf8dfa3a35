/**
 * Diagnostics the client pulls (`textDocument/diagnostic`, LSP 3.17), for clients that say they
 * can. The client asks when it wants them and names the report it holds; while the document's
 * diagnostics are still those, the answer is `unchanged`. After a keystroke in a large document
 * that is a few bytes, where a push sends a megabyte the client decodes only to find it the same.
 */
import { DocumentDiagnosticReportKind, type Connection, type DocumentDiagnosticReport } from 'vscode-languageserver';
import type { Analyses } from './analyses';
import type { DiagnosticsDelivery } from './checker';
import { DiagnosticsReuse } from './publish';

export class PulledDiagnostics implements DiagnosticsDelivery {
  private readonly reuse = new DiagnosticsReuse();
  /** Per open document, the id of its last report: a new one whenever its diagnostics change. */
  private readonly resultIds = new Map<string, string>();
  private lastId = 0;

  constructor(
    private readonly connection: Connection,
    private readonly analyses: Analyses,
    private readonly clientRefreshes: boolean,
  ) {}

  async report(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    const result = await this.analyses.current(uri);
    // Not open, or not a language of ours: nothing to say, and nothing to remember.
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = this.reuse.diagnosticsOf(uri, result.analysis);
    let resultId = this.resultIds.get(uri);
    if (resultId === undefined || !this.reuse.unchanged) {
      resultId = String(++this.lastId);
      this.resultIds.set(uri, resultId);
    }
    // A client that missed the last report (it cancelled it, say) names an older id: it gets it all.
    if (resultId === previousResultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** The client pulls after each change itself. */
  schedule(): void {}

  /** Settings or probe results changed: every document's diagnostics may have. */
  checkAll(): void {
    if (this.clientRefreshes) void this.connection.languages.diagnostics.refresh();
  }

  close(uri: string): void {
    this.reuse.forget(uri);
    this.resultIds.delete(uri);
  }
}
