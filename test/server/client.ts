/**
 * A real LSP client for tests: starts the built server (`node dist/server.js --stdio`) as a child
 * process and talks JSON-RPC to it. Everything is awaited on events (responses, notifications).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type ConfigurationItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowDocumentParams,
  type ShowMessageParams,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { TextDocument, type TextEdit } from 'vscode-languageserver-textdocument';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

/**
 * The tests run the bundle (`npm test` builds it first). Missing is an error; older than the
 * sources is said loudly, since the results would then be about yesterday's code.
 */
export function assertServerBuilt(): void {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  const built = statSync(SERVER).mtimeMs;
  const newest = Math.max(...['server/src', 'shared/src'].map((d) => newestMtime(join(ROOT, d))));
  if (newest > built) console.warn(`\n*** ${SERVER} is older than the sources: run \`npm run build\` to test the current code ***\n`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Capabilities of a full-featured client; tests switch parts off to play other clients. */
export function fullCapabilities(): ClientCapabilities {
  return {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
  };
}

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answers `workspace/configuration` (only asked when capabilities say the client can). */
  configuration?: (item: ConfigurationItem) => unknown;
  /** Extra arguments after `dist/server.js` (default `--stdio`). */
  args?: string[];
}

interface Waiter<T> {
  test: (value: T) => boolean;
  resolve: (value: T) => void;
}

/** Values of one notification kind, and promises for those still to come. */
class Inbox<T> {
  readonly received: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(value: T): void {
    this.received.push(value);
    for (const w of this.waiters.filter((w) => w.test(value))) w.resolve(value);
    this.waiters = this.waiters.filter((w) => !w.test(value));
  }

  /** The first value (already received or still to come) that passes `test`. */
  next(test: (value: T) => boolean, after = 0): Promise<T> {
    const found = this.received.slice(after).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

export class TestClient {
  readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  readonly logs = new Inbox<LogMessageParams>();
  readonly messages = new Inbox<ShowMessageParams>();
  readonly progress = new Inbox<{ token: string; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }>();
  readonly registrations: Registration[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** How often the server asked the client to pull all diagnostics again (`workspace/diagnostic/refresh`). */
  refreshes = 0;
  readonly configurationRequests: ConfigurationItem[][] = [];
  readonly docs = new Map<string, TextDocument>();
  stderr = '';
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, ...(options.args ?? ['--stdio'])], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection);
    child.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => client.diagnostics.push(p));
    connection.onNotification(LogMessageNotification.type, (p) => client.logs.push(p));
    connection.onNotification(ShowMessageNotification.type, (p) => client.messages.push(p));
    connection.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      client.refreshes++;
    });
    connection.onRequest(ShowDocumentRequest.type, (p) => {
      client.shownDocuments.push(p);
      return { success: true };
    });
    connection.onRequest(ConfigurationRequest.type, (p) => {
      client.configurationRequests.push(p.items);
      return p.items.map((item) => options.configuration?.(item) ?? null);
    });
    connection.listen();
    const capabilities = options.capabilities ?? fullCapabilities();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Open a document; resolves with its first diagnostics. */
  async open(uri: string, languageId: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const seen = this.diagnostics.received.length;
    await this.sendOpen(uri, languageId, text, version);
    return this.diagnostics.next((p) => p.uri === uri && p.version === version, seen);
  }

  /** Open a document without waiting for diagnostics (a client that pulls them gets none pushed). */
  sendOpen(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Pull a document's diagnostics (`textDocument/diagnostic`), naming the report the client holds. */
  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  close(uri: string): Promise<void> {
    this.docs.delete(uri);
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  doc(uri: string): TextDocument {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  /** Send incremental changes; resolves with the diagnostics of the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const version = this.sendChange(uri, changes);
    return this.diagnosticsFor(uri, version);
  }

  /** Send changes without waiting; returns the new version. */
  sendChange(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    this.docs.set(uri, TextDocument.update(doc, changes, version));
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /**
   * Apply a WorkspaceEdit's text edits the way an editor does: checked with TextDocument.applyEdits,
   * sent as incremental changes (last edit first, so each range still means what the server sent).
   */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<PublishDiagnosticsParams> {
    const doc = this.doc(uri);
    const expected = TextDocument.applyEdits(doc, edits);
    const ordered = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const version = this.sendChange(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
    if (this.text(uri) !== expected) throw new Error('incremental changes and applyEdits disagree');
    return this.diagnosticsFor(uri, version);
  }

  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.next((p) => p.uri === uri && p.version === version);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  async codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    const r = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context });
    return (r ?? []) as CodeAction[];
  }

  /** `codeAction/resolve`: the action with what the server left out of the list (its edit). */
  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  }

  async symbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[]> {
    return (await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? [];
  }

  executeCommand(command: string, args: unknown[], workDoneToken?: string): Promise<unknown> {
    if (workDoneToken !== undefined) this.watchProgress(workDoneToken);
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args, workDoneToken });
  }

  /** Collect `$/progress` for a work-done token the client hands to the server. */
  watchProgress(token: string): void {
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => this.progress.push({ token, value }));
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Shut down politely; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** The edits of a code action for one document, as TextDocument.applyEdits takes them. */
export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const changes = action.edit?.changes?.[uri];
  if (!changes) throw new Error(`code action "${action.title}" has no edits for ${uri}`);
  return changes;
}

export function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d: Diagnostic) => String(d.code));
}

/** Position of the `n`th occurrence of `needle` in `text` (plus `delta` UTF-16 units), as LSP counts. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  }
  return TextDocument.create('x:', 'x', 0, text).positionAt(at + delta);
}

/**
 * A `start` for one test file: every client it starts is stopped after each test, so no server
 * outlives the test that started it.
 */
export function startedPerTest(afterEach: (fn: () => Promise<void>) => void): typeof TestClient.start {
  const clients: TestClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });
  return async (...args) => {
    const c = await TestClient.start(...args);
    clients.push(c);
    return c;
  };
}
