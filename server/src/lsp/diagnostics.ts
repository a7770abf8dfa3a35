/** Findings as LSP diagnostics; `data` carries the fixes so a code action needs only the diagnostic. */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Analysis } from '../../../shared/src/analyze';
import type { Severity } from '../../../shared/src/model';
import type { Finding } from '../../../shared/src/rules/types';
import { docsUrl } from '../paths';

export const SOURCE = 'vmdisk';

export interface FixData {
  title: string;
  preferred: boolean;
  edits: { range: Range; newText: string }[];
}

export interface DiagnosticData {
  fixes: FixData[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function fixData(analysis: Analysis, finding: Finding): DiagnosticData {
  return {
    fixes: finding.fixes.map((f) => ({
      title: f.title,
      preferred: f.preferred === true,
      edits: f.edits.map((e) => ({ range: analysis.lines.rangeOf(e.span), newText: e.newText })),
    })),
  };
}

export function toDiagnostic(uri: string, analysis: Analysis, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: analysis.lines.rangeOf(finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: SOURCE,
    message: finding.message,
    data: fixData(analysis, finding),
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
export function diagnosticsOf(uri: string, analysis: Analysis): Diagnostic[] {
  return analysis.findings.map((f) => toDiagnostic(uri, analysis, f));
}

/** The diagnostic's data as sent, if the client kept it. */
export function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return data && Array.isArray(data.fixes) ? (data as DiagnosticData) : undefined;
}
