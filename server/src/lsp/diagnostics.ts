/**
 * Findings as LSP diagnostics. `data` ties each diagnostic to its finding — the document version
 * it was computed for and its place among the findings — so a code action finds the finding's
 * fixes without searching, and a diagnostic from an older version is matched by code and range.
 * The fixes themselves are not sent: on a document with thousands of findings they would make up
 * half of every publishDiagnostics message, and most are never asked for.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../../../shared/src/analyze';
import type { Severity } from '../../../shared/src/model';
import type { Finding } from '../../../shared/src/rules/types';
import { docsUrl } from '../paths';

export const SOURCE = 'vmdisk';

export interface DiagnosticData {
  /** The document version the diagnostic was published for. */
  version: number;
  /** Index of its finding in that version's analysis. */
  finding: number;
  /** Whether the finding has fixes, so a client can tell without asking. */
  fixable: boolean;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, analysis: Analysis, version: number, index: number): Diagnostic {
  const finding = analysis.findings[index];
  const data: DiagnosticData = { version, finding: index, fixable: finding.fixes.length > 0 };
  const diagnostic: Diagnostic = {
    range: analysis.lines.rangeOf(finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: SOURCE,
    message: finding.message,
    data,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: analysis.lines.rangeOf(r.span) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/**
 * Findings are published whatever the analysis kind: a 'none' analysis may still carry one
 * (e.g. a document too large to analyse). An empty list clears old diagnostics.
 */
export function diagnosticsOf(uri: string, analysis: Analysis, version: number): Diagnostic[] {
  return analysis.findings.map((_, i) => toDiagnostic(uri, analysis, version, i));
}

/** The finding a diagnostic was published for, in the analysis of the document's current version. */
export function findingOf(analysis: Analysis, version: number, diagnostic: Diagnostic): Finding | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data?.version === version && typeof data.finding === 'number') {
    const finding = analysis.findings[data.finding];
    return finding?.code === diagnostic.code ? finding : undefined;
  }
  // From another version, or a client that drops `data`: the finding with the same code and range now.
  const { lines, findings } = analysis;
  const start = lines.offsetAt(diagnostic.range.start);
  const end = lines.offsetAt(diagnostic.range.end);
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid].span.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < findings.length && findings[i].span.start === start; i++) {
    const f = findings[i];
    if (f.code === diagnostic.code && f.span.end === end) return f;
  }
  return undefined;
}
