/**
 * Edits that insert the suppression pragmas of `shared/src/suppressions.ts`: one line above the
 * finding for "this line", near the top for "this file". When a pragma of the same kind is already
 * there, the code is added to it instead of stacking a second comment.
 */
import type { Syntax } from '../../../shared/src/model';
import type { Edit } from '../../../shared/src/rules/types';
import { DISABLE_FILE, DISABLE_NEXT_LINE } from '../../../shared/src/suppressions';
import type { LineIndex } from '../../../shared/src/text/lineIndex';

export function lineBreakOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

function comment(syntax: Syntax, body: string): string {
  return syntax === 'libvirt-xml' ? `<!-- ${body} -->` : `# ${body}`;
}

/** Where the code list of an existing pragma comment on this text ends, if the text is one. */
function pragmaCodesEnd(lineText: string, syntax: Syntax, pragma: string): number | undefined {
  const re =
    syntax === 'libvirt-xml'
      ? new RegExp(`^\\s*<!--\\s*${pragma}\\s+[a-z0-9, -]*?[a-z0-9](?=\\s*-->\\s*$)`)
      : new RegExp(`^\\s*#\\s*${pragma}\\s+[a-z0-9, -]*?[a-z0-9](?=\\s*$)`);
  const m = re.exec(lineText);
  return m ? m[0].length : undefined;
}

export function disableLineEdit(text: string, lines: LineIndex, line: number, code: string, syntax: Syntax): Edit {
  const start = lines.lineStart(line);
  if (line > 0) {
    const prevStart = lines.lineStart(line - 1);
    const end = pragmaCodesEnd(text.slice(prevStart, lines.lineEnd(line - 1)), syntax, DISABLE_NEXT_LINE);
    if (end !== undefined) return { span: { start: prevStart + end, end: prevStart + end }, newText: `, ${code}` };
  }
  const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))?.[0] ?? '';
  return { span: { start, end: start }, newText: `${indent}${comment(syntax, `${DISABLE_NEXT_LINE} ${code}`)}${lineBreakOf(text)}` };
}

export function disableFileEdit(text: string, lines: LineIndex, code: string, syntax: Syntax): Edit {
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = pragmaCodesEnd(text.slice(start, lines.lineEnd(line)), syntax, `${DISABLE_FILE}(?!-)`);
    if (end !== undefined) return { span: { start: start + end, end: start + end }, newText: `, ${code}` };
  }
  const eol = lineBreakOf(text);
  const pragma = comment(syntax, `${DISABLE_FILE} ${code}`);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  if (syntax === 'libvirt-xml') {
    // A comment may not come before the XML declaration.
    const decl = /^<\?xml[\s\S]*?\?>/.exec(text.slice(bom));
    if (decl) {
      const at = bom + decl[0].length;
      return { span: { start: at, end: at }, newText: `${eol}${pragma}` };
    }
    return { span: { start: bom, end: bom }, newText: `${pragma}${eol}` };
  }
  // After a shebang, which must stay the first line.
  if (text.startsWith('#!', bom)) {
    if (lines.lineCount === 1) return { span: { start: text.length, end: text.length }, newText: `${eol}${pragma}` };
    const at = lines.lineStart(1);
    return { span: { start: at, end: at }, newText: `${pragma}${eol}` };
  }
  return { span: { start: bom, end: bom }, newText: `${pragma}${eol}` };
}
