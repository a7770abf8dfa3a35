/** SARIF 2.1.0, one run, rules with metadata and doc links, 1-based regions. */
import { RULES, SYNTAX_CODE } from '../../../../shared/src/rules';
import type { Severity } from '../../../../shared/src/model';
import { docsUrl, toolVersion } from '../../paths';
import type { LintedFile } from '../lint';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(files: readonly LintedFile[]): string {
  const rules = [
    { id: SYNTAX_CODE, summary: 'Text that cannot be read as libvirt XML or a QEMU command line', level: 'error' as Severity },
    ...RULES.map((r) => ({ id: r.code, summary: r.summary, level: r.defaultSeverity })),
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap(({ path, analysis }) =>
    analysis.findings.map((f) => {
      const start = analysis.lines.positionAt(f.span.start);
      const end = analysis.lines.positionAt(f.span.end);
      return {
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code) ?? 0,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: toArtifactUri(path) },
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        }],
      };
    }),
  );
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'vmdisk',
          version: toolVersion(),
          informationUri: 'https://github.com/vmdisk/vmdisk',
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.summary },
            helpUri: docsUrl(r.id),
            defaultConfiguration: { level: LEVEL[r.level] },
          })),
        },
      },
      results,
    }],
  });
}

/** Relative paths stay relative (SARIF allows it); `libvirt://` locations pass through. */
function toArtifactUri(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
