/**
 * Markup that is not an element: comments (kept, they carry pragmas), CDATA sections and
 * processing instructions (skipped), and the DOCTYPE (skipped whole, its entity declarations
 * never read, so entity bombs cost nothing). Each function returns where scanning goes on.
 */
import type { Comment, SyntaxProblem } from '../../model';
import { DQUOTE, GT, SQUOTE } from './chars';

/** `<!…` at `lt`: a comment, CDATA section, DOCTYPE, or something broken. */
export function skipDeclaration(text: string, lt: number, comments: Comment[], problems: SyntaxProblem[]): number {
  if (text.startsWith('<!--', lt)) return skipComment(text, lt, comments, problems);
  if (text.startsWith('<![CDATA[', lt)) return skipUntil(text, lt, 9, ']]>', 'CDATA section', problems);
  if (text.startsWith('<!DOCTYPE', lt)) return skipDoctype(text, lt, problems);
  const gt = text.indexOf('>', lt);
  const end = gt < 0 ? text.length : gt + 1;
  problems.push({ span: { start: lt, end: lt + 2 }, message: "'<!' must start a comment (<!--), a CDATA section or the DOCTYPE.", severity: 'error' });
  return end;
}

/** `<?…?>` at `lt`. */
export function skipProcessingInstruction(text: string, lt: number, problems: SyntaxProblem[]): number {
  return skipUntil(text, lt, 2, '?>', 'processing instruction', problems);
}

function skipComment(text: string, lt: number, comments: Comment[], problems: SyntaxProblem[]): number {
  const close = text.indexOf('-->', lt + 4);
  if (close < 0) {
    problems.push({ span: { start: lt, end: lt + 4 }, message: "The comment is not closed: '-->' is missing.", severity: 'error' });
    comments.push({ span: { start: lt, end: text.length }, text: text.slice(lt + 4) });
    return text.length;
  }
  comments.push({ span: { start: lt, end: close + 3 }, text: text.slice(lt + 4, close) });
  return close + 3;
}

function skipUntil(text: string, lt: number, openerLength: number, closer: string, what: string, problems: SyntaxProblem[]): number {
  const close = text.indexOf(closer, lt + openerLength);
  if (close >= 0) return close + closer.length;
  problems.push({ span: { start: lt, end: lt + openerLength }, message: `The ${what} is not closed: '${closer}' is missing.`, severity: 'error' });
  return text.length;
}

/** `<!DOCTYPE name … [internal subset]>`: quoted strings and the subset may hold `>`. */
function skipDoctype(text: string, lt: number, problems: SyntaxProblem[]): number {
  let p = lt + 9;
  let inSubset = false;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === SQUOTE || c === DQUOTE) {
      const close = text.indexOf(c === SQUOTE ? "'" : '"', p + 1);
      if (close < 0) break;
      p = close + 1;
    } else if (inSubset && text.startsWith('<!--', p)) {
      const close = text.indexOf('-->', p + 4);
      if (close < 0) break;
      p = close + 3;
    } else if (inSubset && text.startsWith('<?', p)) {
      const close = text.indexOf('?>', p + 2);
      if (close < 0) break;
      p = close + 2;
    } else if (c === 91 /* [ */ && !inSubset) {
      inSubset = true;
      p++;
    } else if (c === 93 /* ] */ && inSubset) {
      inSubset = false;
      p++;
    } else if (c === GT && !inSubset) {
      return p + 1;
    } else {
      p++;
    }
  }
  problems.push({ span: { start: lt, end: lt + 9 }, message: "The DOCTYPE is not closed: '>' is missing.", severity: 'error' });
  return text.length;
}
