/** One symbol per disk, so editors can list the disks and jump to them. */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { Analysed } from './analyses';
import { summaryOf } from './diskFacts';

export function documentSymbols(uri: string, analysed: Analysed, hierarchical: boolean): DocumentSymbol[] | SymbolInformation[] {
  const { analysis } = analysed;
  if (analysis.kind === 'none') return [];
  if (!hierarchical) {
    return analysis.disks.map(({ disk }) => ({
      name: disk.name || 'disk',
      kind: SymbolKind.Object,
      location: { uri, range: analysis.lines.rangeOf(disk.span) },
    }));
  }
  return analysis.disks.map((analysedDisk) => {
    const { disk } = analysedDisk;
    const range = analysis.lines.rangeOf(disk.span);
    // selectionRange must lie inside range; the anchor always does unless a parser says otherwise.
    const inside = disk.anchor.start >= disk.span.start && disk.anchor.end <= disk.span.end;
    return {
      name: disk.name || 'disk',
      detail: summaryOf(analysedDisk),
      kind: SymbolKind.Object,
      range,
      selectionRange: inside ? analysis.lines.rangeOf(disk.anchor) : range,
    };
  });
}
