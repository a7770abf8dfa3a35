/**
 * Findings as LSP diagnostics. A code action finds a diagnostic's finding again by code and range
 * in the current analysis (found by binary search), so the fixes are not sent along: on a document
 * with thousands of findings they would make up half of every publishDiagnostics message, most are
 * never asked for (so they are not even built before that, see rules/lazyFixes.ts), and a
 * diagnostic that no longer matches a finding must not offer stale edits.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Analysis } from '../../../shared/src/analyze';
import type { Severity } from '../../../shared/src/model';
import type { Finding } from '../../../shared/src/rules/types';
import { docsUrl } from '../paths';

export const SOURCE = 'vmdisk';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, analysis: Analysis, finding: Finding, range: Range): Diagnostic {
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: analysis.lines.rangeOf(r.span) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** The finding with the diagnostic's code and range in the current analysis, if there is one. */
export function findingOf(analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
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
