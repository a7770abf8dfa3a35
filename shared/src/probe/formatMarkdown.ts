/** The report as a Markdown document (the editor shows it in a preview). Pure. */
import { LATENCY_HEADER, latencyRows, MODE_HEADER, modeRows, summaryRows } from './reportRows';
import type { ProbeReport } from './types';

/** A table cell: pipes escaped, line breaks and Markdown-active characters neutralised. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`<>[\]])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (row: readonly string[]): string => `| ${row.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

export function formatProbeMarkdown(r: ProbeReport): string {
  const parts = [
    '# Native-I/O probe',
    '',
    table(['', ''], summaryRows(r)),
    '',
    '## Recommendation',
    '',
    cell(r.recommendation.text),
    '',
    '## Cache modes on this storage',
    '',
    table(MODE_HEADER, modeRows(r)),
    '',
    '## Measured latencies',
    '',
    table(LATENCY_HEADER, latencyRows(r)),
  ];
  if (r.notes.length > 0) parts.push('', '## Notes', '', ...r.notes.map((n) => `- ${cell(n)}`));
  parts.push('', `_Probe took ${r.elapsedMs} ms (limit ${r.timeLimitMs} ms${r.timedOut ? ', reached' : ''}). The image was opened read-only._`, '');
  return parts.join('\n');
}
