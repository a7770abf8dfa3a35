import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { completionsAt } from '../../../shared/src/complete';
import type { Analysed } from './analyses';

/** Characters after which a value or attribute list is worth offering. */
export const TRIGGER_CHARACTERS = ["'", '"', '=', ' ', ':'];

export function completion(analysed: Analysed, position: Position, snippets: boolean): CompletionItem[] {
  const { analysis } = analysed;
  if (analysis.kind === 'none') return [];
  const choices = completionsAt(analysis.text, analysis.lines.offsetAt(position), analysis.kind);
  return choices.map((c) => {
    const snippet = snippets && c.snippet !== undefined;
    const item: CompletionItem = {
      label: c.label,
      kind: c.kind === 'value' ? CompletionItemKind.Value : CompletionItemKind.Property,
      detail: c.detail,
      sortText: c.sortText,
      filterText: c.insertText,
      textEdit: { range: analysis.lines.rangeOf(c.span), newText: snippet ? c.snippet! : c.insertText },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    return item;
  });
}
