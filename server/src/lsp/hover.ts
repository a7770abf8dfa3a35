import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { hoverAt } from '../../../shared/src/hover/markdown';
import type { Analysed } from './analyses';

export function hover(analysed: Analysed, position: Position): Hover | null {
  const { analysis } = analysed;
  if (analysis.kind === 'none') return null;
  const result = hoverAt(analysis, analysis.lines.offsetAt(position));
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: analysis.lines.rangeOf(result.span) };
}
