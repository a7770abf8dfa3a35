/** Open documents and their analyses, fed as the connection would feed them (no server, no timers). */
import type { Connection, DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { Analyses } from '../../server/src/lsp/analyses';
import { OpenDocuments } from '../../server/src/lsp/documents';
import type { SettingsSource } from '../../server/src/lsp/settings';
import { StorageFactsStore } from '../../server/src/lsp/storage';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';

export function fedDocuments() {
  const handlers: { open?: (p: DidOpenTextDocumentParams) => void; change?: (p: DidChangeTextDocumentParams) => void } = {};
  const none = () => ({ dispose: () => undefined });
  const connection = {
    onDidOpenTextDocument: (h: typeof handlers.open) => ((handlers.open = h), none()),
    onDidChangeTextDocument: (h: typeof handlers.change) => ((handlers.change = h), none()),
    onDidCloseTextDocument: none,
    onWillSaveTextDocument: none,
    onWillSaveTextDocumentWaitUntil: none,
    onDidSaveTextDocument: none,
  } as unknown as Connection;
  const documents = new OpenDocuments();
  documents.listen(connection);
  const settings = { get: async () => DEFAULT_SETTINGS } as unknown as SettingsSource;
  const versions = new Map<string, number>();
  return {
    analyses: new Analyses(documents, settings, new StorageFactsStore()),
    documents,
    open(uri: string, text: string, languageId = 'xml') {
      versions.set(uri, 1);
      handlers.open!({ textDocument: { uri, languageId, version: 1, text } });
    },
    /** Replaces [from, to) of the current text; `reversed` sends the range end first, as some clients may. */
    edit(uri: string, from: number, to: number, text: string, reversed = false) {
      const doc = documents.get(uri)!;
      const version = versions.get(uri)! + 1;
      versions.set(uri, version);
      const range = { start: doc.positionAt(from), end: doc.positionAt(to) };
      handlers.change!({ textDocument: { uri, version }, contentChanges: [{ range: reversed ? { start: range.end, end: range.start } : range, text }] });
    },
    replaceAll(uri: string, text: string) {
      const version = versions.get(uri)! + 1;
      versions.set(uri, version);
      handlers.change!({ textDocument: { uri, version }, contentChanges: [{ text }] });
    },
  };
}
