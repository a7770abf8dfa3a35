/**
 * The JSON shapes of `analyze()` and `vmdisk lint --format json`: 0-based lines, UTF-16 characters.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { Severity } from './model';

export interface DiskReport {
  name: string;
  source: string | null;
  format: string | null;
  cache: string | null;
  aio: string | null;
  effective: { writeback: boolean; direct: boolean; noFlush: boolean };
  range: Range;
}

export interface DiagnosticReport {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

export function diskReports(analysis: Analysis): DiskReport[] {
  return analysis.disks.map(({ disk, effective }) => ({
    name: disk.name,
    source: disk.source?.value ?? null,
    format: disk.format?.value ?? null,
    cache: disk.cache?.value ?? null,
    aio: disk.aio?.value ?? null,
    effective: { writeback: effective.writeback, direct: effective.direct, noFlush: effective.noFlush },
    range: analysis.lines.rangeOf(disk.span),
  }));
}

export function diagnosticReports(analysis: Analysis): DiagnosticReport[] {
  return analysis.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: analysis.lines.rangeOf(f.span) }));
}
