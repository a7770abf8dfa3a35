/**
 * The domains a check found, in the editor: their findings in the Problems panel (a diagnostic
 * collection `vmdisk-libvirt`) and their XML as read-only `vmdisk-libvirt:` documents. An open
 * document is an XML document like any other, so the language server checks it and its
 * diagnostics show; while it is open the collection leaves it out, so Problems lists each
 * finding once, and puts it back when the document closes.
 */
import * as vscode from 'vscode';
import { DOMAIN_SCHEME, domainDocumentParts, type DomainRef } from './documentUri';
import type { FleetFinding, FindingSeverity } from './fleetOutput';

export interface DomainDocument {
  ref: DomainRef;
  xml: string;
  findings: FleetFinding[];
}

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** What a document shows when this window has not fetched it (say, an editor restored after a reload). */
const NOT_FETCHED = '<!-- vmdisk: this window has not fetched this domain. Run "vmdisk: Check Domains of a libvirt Connection…" for its connection to see its definition. -->\n';

export function domainDocumentUri(ref: DomainRef): vscode.Uri {
  return vscode.Uri.from({ scheme: DOMAIN_SCHEME, ...domainDocumentParts(ref) });
}

export class DomainDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly xml = new Map<string, string>();
  /** What Problems shows for each document while it is closed. */
  private readonly findings = new Map<string, { uri: vscode.Uri; ref: DomainRef; diagnostics: vscode.Diagnostic[] }>();
  private readonly collection = vscode.languages.createDiagnosticCollection('vmdisk-libvirt');
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  /** `rulesDir`: where the rule pages are, for each finding's code link (as the server's diagnostics have). */
  constructor(private readonly rulesDir: vscode.Uri) {
    this.disposables = [
      this.collection,
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(DOMAIN_SCHEME, this),
      vscode.workspace.onDidOpenTextDocument((d) => d.uri.scheme === DOMAIN_SCHEME && this.collection.delete(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const findings = d.uri.scheme === DOMAIN_SCHEME ? this.findings.get(d.uri.toString()) : undefined;
        if (findings) this.collection.set(d.uri, findings.diagnostics);
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.xml.get(uri.toString()) ?? NOT_FETCHED;
  }

  /**
   * Everything known about `connection` becomes `documents`: findings of domains no longer there
   * are dropped; a domain's XML stays available (an open editor keeps showing the last one fetched).
   */
  replaceConnection(connection: string, documents: readonly DomainDocument[]): vscode.Uri[] {
    const uris = documents.map((d) => domainDocumentUri(d.ref));
    const current = new Set(uris.map((u) => u.toString()));
    for (const [key, { uri, ref }] of [...this.findings]) {
      if (current.has(key) || ref.connection !== connection) continue;
      this.findings.delete(key);
      this.collection.delete(uri);
    }
    documents.forEach((document, i) => this.publish(uris[i], document));
    return uris;
  }

  private publish(uri: vscode.Uri, document: DomainDocument): void {
    const key = uri.toString();
    const diagnostics = document.findings.map((f) => this.toDiagnostic(f));
    this.findings.set(key, { uri, ref: document.ref, diagnostics });
    if (this.xml.get(key) !== document.xml) {
      this.xml.set(key, document.xml);
      this.changed.fire(uri);
    }
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
    if (open) this.collection.delete(uri);
    else this.collection.set(uri, diagnostics);
  }

  private toDiagnostic(finding: FleetFinding): vscode.Diagnostic {
    const { start, end } = finding.range;
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), finding.message, SEVERITY[finding.severity]);
    // Named like the collection: a finding of the last check, not of the live analysis of an open document.
    diagnostic.source = 'vmdisk-libvirt';
    diagnostic.code = { value: finding.code, target: vscode.Uri.joinPath(this.rulesDir, `${finding.code}.md`) };
    return diagnostic;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
