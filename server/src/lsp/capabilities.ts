import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './codeActions';
import { SERVER_COMMANDS } from './commands';
import { TRIGGER_CHARACTERS } from './completion';
import type { InitOptions } from './initOptions';

/**
 * Static capabilities: everything the server does is known at start. `pulled`: the client pulls
 * diagnostics, so the server offers them that way instead of pushing them.
 */
export function serverCapabilities(init: InitOptions, pulled: boolean): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
    codeLensProvider: { resolveProvider: false },
    documentSymbolProvider: true,
    executeCommandProvider: {
      commands: SERVER_COMMANDS.filter((c) => !init.clientCommands.includes(c)),
      workDoneProgress: true,
    },
    ...(pulled && { diagnosticProvider: { identifier: 'vmdisk', interFileDependencies: false, workspaceDiagnostics: false } }),
  };
}
