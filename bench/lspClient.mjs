/**
 * The smallest LSP client the server benchmark needs: starts `node dist/server.js --stdio`,
 * keeps each open document's text, and resolves diagnostics by (uri, version): those the server
 * publishes, or, for a client that pulls them (as VS Code does), those it asks for after each
 * change, naming the report it holds.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export class BenchClient {
  /** `${uri}@${version}` → diagnostics, and the waiters for those not yet published. */
  #arrived = new Map();
  #waiting = new Map();
  /** When pulling: per document, the last full report's id and diagnostics. */
  #reports = new Map();
  docs = new Map();

  /**
   * `execArgv`: Node flags for the server process, e.g. `--cpu-prof` to profile it. `pull`: declare
   * pull diagnostics, and pull after each change. `server`: another server's script and arguments
   * (the bench's floor).
   */
  static async start(initializationOptions, execArgv = [], { pull = false, server = [SERVER, '--stdio'] } = {}) {
    const child = spawn(process.execPath, [...execArgv, ...server], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new BenchClient(child, pull);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...(pull && { diagnostic: { dynamicRegistration: false } }),
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true, resolveSupport: { properties: ['edit'] } },
        },
      },
      initializationOptions,
      workspaceFolders: null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  constructor(child, pull) {
    this.child = child;
    this.pulls = pull;
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const key = `${p.uri}@${p.version}`;
      const waiter = this.#waiting.get(key);
      if (waiter) {
        this.#waiting.delete(key);
        waiter(p);
      } else this.#arrived.set(key, p);
    });
    this.connection.listen();
  }

  /** Diagnostics of the version just sent: pulled, or as published. */
  #diagnostics(uri, version) {
    return this.pulls ? this.#pull(uri) : this.#published(uri, version);
  }

  /** Resolves with `{diagnostics, unchanged}`; an unchanged report keeps the diagnostics held. */
  async #pull(uri) {
    const held = this.#reports.get(uri);
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: held?.resultId });
    if (report.kind === 'unchanged') return { diagnostics: held.diagnostics, unchanged: true };
    this.#reports.set(uri, { resultId: report.resultId, diagnostics: report.items });
    return { diagnostics: report.items, unchanged: false };
  }

  #published(uri, version) {
    const key = `${uri}@${version}`;
    const done = this.#arrived.get(key);
    if (done) {
      this.#arrived.delete(key);
      return Promise.resolve(done);
    }
    return new Promise((resolve) => this.#waiting.set(key, resolve));
  }

  /** Per document, the version last sent. */
  #versions = new Map();

  open(uri, languageId, text) {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    this.#versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return this.#diagnostics(uri, 1);
  }

  /** When the last didChange was sent: after the client's own copy of the text was updated. */
  changeSentAt = 0;

  /**
   * One incremental change; resolves with the diagnostics of the new version. `mirror: false`
   * leaves the client's copy of the text as it was, for a change the caller undoes before it reads
   * the copy again: updating it makes a new string of the whole text, which an editor's buffer
   * does not, and whose garbage the client would otherwise collect while a keystroke is timed.
   */
  change(uri, range, text, { mirror = true } = {}) {
    const version = this.#versions.get(uri) + 1;
    this.#versions.set(uri, version);
    if (mirror) this.docs.set(uri, TextDocument.update(this.docs.get(uri), [{ range, text }], version));
    this.changeSentAt = performance.now();
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return this.#diagnostics(uri, version);
  }

  close(uri) {
    this.docs.delete(uri);
    this.#versions.delete(uri);
    this.#reports.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  hover(uri, position) {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri, range, diagnostics) {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  }

  codeLenses(uri) {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  }

  documentSymbols(uri) {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  /** Resident set size of the server process, from /proc (Linux). */
  rssBytes() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  }

  async stop() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }
}
