import type { Edit } from '../../shared/src/rules/types';

/** Apply offset edits the way an editor applies a WorkspaceEdit: all against the original text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.span.end > lastStart) throw new Error('overlapping edits');
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    lastStart = e.span.start;
  }
  return out;
}
