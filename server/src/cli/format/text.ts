/** Compiler-style findings (`path:line:col: severity: message [code]`, 1-based) and a table of each disk's flags. */
import { describeFlags } from '../../../../shared/src/hover/describeFlags';
import type { LintedFile } from '../lint';

export function formatText(files: readonly LintedFile[]): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const { path, analysis } of files) {
    if (analysis.kind === 'none' && analysis.findings.length === 0) continue;
    for (const f of analysis.findings) {
      const p = analysis.lines.positionAt(f.span.start);
      out.push(`${path}:${p.line + 1}:${p.character + 1}: ${f.severity}: ${f.message} [${f.code}]`);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else others++;
    }
    if (analysis.disks.length > 0) {
      out.push(`${path}: ${analysis.disks.length} disk${analysis.disks.length === 1 ? '' : 's'}`);
      for (const { disk, effective } of analysis.disks) {
        const line = analysis.lines.positionAt(disk.anchor.start).line + 1;
        out.push(`  ${disk.name.padEnd(12)} line ${String(line).padEnd(5)} ${describeFlags(effective, disk)}`);
      }
    }
  }
  out.push(`${files.length} file${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${others} other finding${others === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}
