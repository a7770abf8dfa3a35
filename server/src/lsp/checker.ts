/**
 * Diagnostics per keystroke, bounded: each document waits `debounceMs` after its last change,
 * a newer change restarts the wait, and a result for a version that is no longer current is dropped.
 */
import type { Connection } from 'vscode-languageserver';
import type { OpenDocuments } from './documents';
import type { Analyses } from './analyses';
import { DiagnosticsReuse } from './publish';

/** How diagnostics reach the client: pushed after each change (Checker), or pulled (PulledDiagnostics). */
export interface DiagnosticsDelivery {
  /** The document changed (`now`: it was just opened). */
  schedule(uri: string, now?: boolean): void;
  /** Settings or probe results changed. */
  checkAll(): void;
  close(uri: string): void;
}

export class Checker implements DiagnosticsDelivery {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly reuse = new DiagnosticsReuse();

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly analyses: Analyses,
    private readonly debounceMs: number,
  ) {}

  /** Check soon (after a change) or now (on open, or when settings or probe results changed). */
  schedule(uri: string, now = false): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (now || this.debounceMs <= 0) {
      void this.run(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, this.debounceMs),
    );
  }

  checkAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri, true);
  }

  /** A closed document loses its pending check and its diagnostics. */
  close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.reuse.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async run(uri: string): Promise<void> {
    try {
      const result = await this.analyses.current(uri);
      const doc = this.documents.get(uri);
      if (!doc || (result && result.version !== doc.version)) return;
      // Findings are published whatever the analysis kind: a 'none' analysis may still carry one
      // (a document too large to analyse). An empty list clears old diagnostics.
      const diagnostics = result ? this.reuse.diagnosticsOf(uri, result.analysis) : [];
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (e) {
      this.connection.console.error(`vmdisk: checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
}
