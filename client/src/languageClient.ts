/** The language client: starts the bundled server (dist/server.js) for the three languages, any URI scheme. */
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { CLIENT_IMPLEMENTED } from './commandIds';

/** No `scheme`: untitled buffers, remote and virtual file systems are served too. */
export const DOCUMENT_SELECTOR = [{ language: 'xml' }, { language: 'qemu-cmdline' }, { language: 'shellscript' }];

export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // No `synchronize`: the server pulls settings per document (workspace/configuration) and registers
    // for didChangeConfiguration itself.
    outputChannel: output,
    // The server offers pulled diagnostics to a client that can pull: VS Code then asks after each
    // change and gets `unchanged` while a keystroke leaves them as they were (a few bytes, where a
    // push of a 2,000-disk domain is a megabyte it would decode and compare on every keystroke).
    diagnosticPullOptions: { onChange: true, onSave: false },
    // The server then leaves these out of executeCommandProvider, so vscode-languageclient does not register them a second time.
    initializationOptions: { clientCommands: [...CLIENT_IMPLEMENTED] },
  };
  return new LanguageClient('vmdisk', 'vmdisk', serverOptions, clientOptions);
}

