/** Wires the LSP connection to the analyses: thin, each feature lives in its own module. */
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  WorkDoneProgressCancelNotification,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { toolVersion } from '../paths';
import { Analyses } from './analyses';
import { serverCapabilities } from './capabilities';
import { Checker, type DiagnosticsDelivery } from './checker';
import { codeActions, fixAllDocument, resolveFixAll, resolvesEdits } from './codeActions';
import { codeLenses } from './codeLens';
import { OPEN_RULE_DOC, PROBE_IMAGE } from './commands';
import { completion } from './completion';
import { OpenDocuments } from './documents';
import { hover } from './hover';
import { collectGarbage, IdleCollector } from './idleCollector';
import { readInitOptions } from './initOptions';
import { ProbeRunner } from './probeCommand';
import { PulledDiagnostics } from './pullDiagnostics';
import { openRuleDoc } from './ruleDocCommand';
import { SECTION, SettingsSource } from './settings';
import { StorageFactsStore } from './storage';
import { documentSymbols } from './symbols';

interface Session {
  caps: ClientCapabilities;
  settings: SettingsSource;
  analyses: Analyses;
  /** Pushed diagnostics, or the reports the client pulls when it says it can. */
  diagnostics: DiagnosticsDelivery;
  pulled: PulledDiagnostics | undefined;
  probes: ProbeRunner;
}

export function startServer(connection: Connection): void {
  const documents = new OpenDocuments();
  let session: Session | undefined;
  const justOpened = new Set<string>();

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const init = readInitOptions(params.initializationOptions);
    const settings = new SettingsSource(connection, caps.workspace?.configuration === true, init.section);
    const storage = new StorageFactsStore();
    // Once quiet: the texts nothing reads are deflated, then the garbage goes.
    const idle = new IdleCollector(() => void documents.pack((uri) => analyses.keeps(uri)).then(collectGarbage));
    const analyses = new Analyses(documents, settings, storage, () => idle.worked());
    const pulled = caps.textDocument?.diagnostic ? new PulledDiagnostics(connection, analyses, caps.workspace?.diagnostics?.refreshSupport === true) : undefined;
    const diagnostics = pulled ?? new Checker(connection, documents, analyses, init.debounceMs);
    const probes = new ProbeRunner({
      connection,
      analyses,
      settings,
      storage,
      factsChanged: () => {
        analyses.invalidateAll();
        diagnostics.checkAll();
      },
      tellUser: !init.clientCommands.includes(PROBE_IMAGE),
    });
    session = { caps, settings, analyses, diagnostics, pulled, probes };
    return { capabilities: serverCapabilities(init, pulled !== undefined), serverInfo: { name: 'vmdisk', version: toolVersion() } };
  });

  connection.onInitialized(() => {
    if (session?.caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
    }
    if (session?.caps.window?.workDoneProgress) {
      connection.onNotification(WorkDoneProgressCancelNotification.type, (p) => session?.probes.cancelProgress(p.token));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    if (!session) return;
    session.settings.changed(params.settings);
    session.analyses.invalidateAll();
    session.diagnostics.checkAll();
  });

  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    session?.diagnostics.schedule(uri, justOpened.delete(uri));
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    justOpened.delete(uri);
    session?.analyses.forget(uri);
    session?.settings.forget(uri);
    session?.diagnostics.close(uri);
  });

  const analysed = async (uri: string) => session?.analyses.current(uri);

  connection.languages.diagnostics.on(async (p) => {
    const pulled = session?.pulled;
    return pulled ? pulled.report(p.textDocument.uri, p.previousResultId) : { kind: DocumentDiagnosticReportKind.Full, items: [] };
  });
  connection.onHover(async (p) => {
    const a = await analysed(p.textDocument.uri);
    return a ? hover(a, p.position) : null;
  });
  connection.onCompletion(async (p) => {
    const a = await analysed(p.textDocument.uri);
    const snippets = session?.caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    return a ? completion(a, p.position, snippets) : [];
  });
  connection.onCodeAction(async (p) => {
    const a = await analysed(p.textDocument.uri);
    return a && session ? codeActions(p.textDocument.uri, a, p, resolvesEdits(session.caps)) : [];
  });
  connection.onCodeActionResolve(async (action) => {
    const uri = fixAllDocument(action);
    const a = uri === undefined ? undefined : await analysed(uri);
    return uri !== undefined && a ? resolveFixAll(action, uri, a.analysis) : action;
  });
  connection.onCodeLens(async (p) => {
    const a = await analysed(p.textDocument.uri);
    return a ? codeLenses(p.textDocument.uri, a) : [];
  });
  connection.onDocumentSymbol(async (p) => {
    const a = await analysed(p.textDocument.uri);
    const hierarchical = session?.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    return a ? documentSymbols(p.textDocument.uri, a, hierarchical) : [];
  });
  connection.onExecuteCommand(async (p, token, progress) => {
    if (!session) return null;
    if (p.command === PROBE_IMAGE) return session.probes.run(p.arguments?.[0], token, progress, p.workDoneToken);
    if (p.command === OPEN_RULE_DOC) return openRuleDoc(connection, p.arguments, session.caps.window?.showDocument?.support === true);
    return null;
  });

  documents.listen(connection);
  connection.listen();
}
