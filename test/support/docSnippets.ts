/** The code blocks of docs/editors.md, so tests can check that each tested snippet appears in it verbatim. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EDITORS_DOC = join(__dirname, '..', '..', 'docs', 'editors.md');

/** The contents of every fenced block of `lang` (each ends with its last line's newline). */
export function fencedBlocks(markdown: string, lang: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm');
  for (const m of markdown.matchAll(fence)) blocks.push(m[1]);
  return blocks;
}

export function editorsDocBlocks(lang: string): string[] {
  return fencedBlocks(readFileSync(EDITORS_DOC, 'utf8'), lang);
}
