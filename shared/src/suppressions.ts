/**
 * Inline disables, named by rule code (never blanket):
 *   <!-- vmdisk-disable-next-line native-aio-needs-direct -->   # vmdisk-disable-next-line CODE, CODE
 *   <!-- vmdisk-disable unsafe-cache-in-production -->         (anywhere: the whole file)
 */
import type { Comment } from './model';
import type { LineIndex } from './text/lineIndex';

export const DISABLE_NEXT_LINE = 'vmdisk-disable-next-line';
export const DISABLE_FILE = 'vmdisk-disable';

export interface Suppressions {
  isSuppressed(code: string, line: number): boolean;
}

const PRAGMA = /^\s*(vmdisk-disable-next-line|vmdisk-disable)(?=\s|$)\s*([\s\S]*?)\s*$/;

/** Null when the document has no pragma, so callers skip the per-finding check. */
export function readSuppressions(comments: readonly Comment[], lines: LineIndex): Suppressions | null {
  const file = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  for (const c of comments) {
    if (!c.text.includes('vmdisk-disable')) continue;
    const m = PRAGMA.exec(c.text);
    if (!m) continue;
    const codes = m[2].split(/[\s,]+/).filter((s) => /^[a-z0-9-]+$/.test(s));
    if (m[1] === DISABLE_FILE) codes.forEach((code) => file.add(code));
    else {
      const line = lines.positionAt(c.span.end).line + 1;
      const set = byLine.get(line) ?? new Set<string>();
      codes.forEach((code) => set.add(code));
      byLine.set(line, set);
    }
  }
  if (file.size === 0 && byLine.size === 0) return null;
  return {
    isSuppressed: (code, line) => file.has(code) || (byLine.get(line)?.has(code) ?? false),
  };
}
