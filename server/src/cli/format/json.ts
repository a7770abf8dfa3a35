import { diagnosticReports, diskReports } from '../../../../shared/src/report';
import type { LintedFile } from '../lint';

export function formatJson(files: readonly LintedFile[]): string {
  return JSON.stringify({
    files: files.map((f) => ({
      path: f.path,
      kind: f.analysis.kind,
      disks: diskReports(f.analysis),
      diagnostics: diagnosticReports(f.analysis),
    })),
  });
}
