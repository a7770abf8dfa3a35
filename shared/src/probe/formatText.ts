/** The report as aligned plain text, for the terminal. Pure. */
import { LATENCY_HEADER, latencyRows, MODE_HEADER, modeRows, summaryRows } from './reportRows';
import type { ProbeReport } from './types';

/** Pads every column but the last to its widest cell. */
export function alignColumns(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd())
    .join('\n');
}

/** Control characters in file names (a newline in a path) must not break the layout. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

export function formatProbeText(r: ProbeReport): string {
  const clean = (rows: readonly (readonly string[])[]): string[][] => rows.map((row) => row.map(oneLine));
  const parts = [
    'vmdisk native-I/O probe',
    alignColumns(clean(summaryRows(r))),
    '',
    alignColumns(clean([MODE_HEADER, ...modeRows(r)])),
    '',
    alignColumns(clean([LATENCY_HEADER, ...latencyRows(r)])),
    '',
    `Recommendation: ${oneLine(r.recommendation.text)}`,
  ];
  if (r.notes.length > 0) parts.push('', 'Notes:', ...r.notes.map((n) => `  - ${oneLine(n)}`));
  parts.push('', `Probe took ${r.elapsedMs} ms (limit ${r.timeLimitMs} ms${r.timedOut ? ', reached' : ''}).`);
  return `${parts.join('\n')}\n`;
}
