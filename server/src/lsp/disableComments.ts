/**
 * Edits that insert the suppression pragmas of `shared/src/suppressions.ts`: one line above the
 * finding for "this line", near the top for "this file". When a pragma of the same kind is already
 * there, the code is added to it instead of stacking a second comment.
 */
import { analyzeText, MAX_ANALYSED_LENGTH, type Analysis } from '../../../shared/src/analyze';
import { regionAfterEdit } from '../../../shared/src/incremental';
import { parseDomainXml } from '../../../shared/src/parse/xml';
import { LineIndex } from '../../../shared/src/text/lineIndex';
import type { Syntax } from '../../../shared/src/model';
import type { Edit, Finding } from '../../../shared/src/rules/types';
import { DISABLE_FILE, DISABLE_NEXT_LINE, readSuppressions } from '../../../shared/src/suppressions';
import type { Analysed } from './analyses';

export function lineBreakOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

function comment(syntax: Syntax, body: string): string {
  return syntax === 'libvirt-xml' ? `<!-- ${body} -->` : `# ${body}`;
}

/** Per syntax and pragma: made once, as code actions are asked for at every cursor move. */
const pragmaPatterns = new Map<string, RegExp>();

/** Where the code list of an existing pragma comment on this text ends, if the text is one. */
function pragmaCodesEnd(lineText: string, syntax: Syntax, pragma: string): number | undefined {
  const key = `${syntax} ${pragma}`;
  let re = pragmaPatterns.get(key);
  if (!re) {
    re =
      syntax === 'libvirt-xml'
        ? new RegExp(`^\\s*<!--\\s*${pragma}\\s+[a-z0-9, -]*?[a-z0-9](?=\\s*-->\\s*$)`)
        : new RegExp(`^\\s*#\\s*${pragma}\\s+[a-z0-9, -]*?[a-z0-9](?=\\s*$)`);
    pragmaPatterns.set(key, re);
  }
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
  // Only lines that hold the pragma's name can be one: found by search, not by reading every line.
  for (let at = text.indexOf(DISABLE_FILE); at >= 0; ) {
    const line = lines.positionAt(at).line;
    const start = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    const end = pragmaCodesEnd(text.slice(start, lineEnd), syntax, `${DISABLE_FILE}(?!-)`);
    if (end !== undefined) return { span: { start: start + end, end: start + end }, newText: `, ${code}` };
    at = text.indexOf(DISABLE_FILE, lineEnd);
  }
  const eol = lineBreakOf(text);
  const pragma = comment(syntax, `${DISABLE_FILE} ${code}`);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  if (syntax === 'libvirt-xml') {
    const at = xmlPragmaOffset(text);
    return { span: { start: at, end: at }, newText: at > bom ? `${eol}${pragma}` : `${pragma}${eol}` };
  }
  // After a shebang, which must stay the first line.
  if (text.startsWith('#!', bom)) {
    if (lines.lineCount === 1) return { span: { start: text.length, end: text.length }, newText: `${eol}${pragma}` };
    const at = lines.lineStart(1);
    return { span: { start: at, end: at }, newText: `${pragma}${eol}` };
  }
  return { span: { start: bom, end: bom }, newText: `${pragma}${eol}` };
}

/** Where a file pragma goes in XML: after a BOM and after the XML declaration, which a comment may not precede. */
function xmlPragmaOffset(text: string): number {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const declaration = /^<\?xml[\s\S]*?\?>/.exec(text.slice(bom));
  return bom + (declaration?.[0].length ?? 0);
}

/** Verdicts per analysis, by edit: editors ask for code actions at every cursor move. */
const verdicts = new WeakMap<Analysis, Map<string, boolean>>();

/**
 * Whether a disable edit silences exactly the findings it names — `code` on `line`, or `code`
 * everywhere without a line — and changes nothing else: a comment must not break a tag or cut a
 * shell command. In XML the disk or the stretch between disks it goes into is read again alone;
 * elsewhere the whole edited text is analysed again.
 */
export function disableWorks(analysed: Analysed, edit: Edit, code: string, line?: number): boolean {
  const { analysis } = analysed;
  const key = `${edit.span.start}:${edit.span.end}:${edit.newText}`;
  let known = verdicts.get(analysis);
  if (!known) verdicts.set(analysis, (known = new Map()));
  let verdict = known.get(key);
  if (verdict === undefined) {
    verdict =
      regionVerdict(analysis, edit, code, line) ??
      (line === undefined ? prologVerdict(analysis, edit, code) : undefined) ??
      fullVerdict(analysed, edit, (f) => f.code === code && (line === undefined || analysis.lines.positionAt(f.span.start).line === line));
    known.set(key, verdict);
  }
  return verdict;
}

function regionVerdict(analysis: Analysis, edit: Edit, code: string, line: number | undefined): boolean | undefined {
  const region = regionAfterEdit(analysis, edit);
  if (!region) return undefined;
  if (!region.sameDisks) return false;
  // The edited pragma must be read as one, from the comment the edit went into.
  const at = edit.span.start - region.start;
  const comment = region.comments.find((c) => c.span.start < at + edit.newText.length && at < c.span.end);
  const pragma = comment && readSuppressions([comment], region.lines);
  if (!pragma) return false;
  if (line === undefined) return pragma.isSuppressed(code, -1);
  return !pragma.isSuppressed(code, -1) && pragma.isSuppressed(code, region.lines.positionAt(comment.span.end).line + 1);
}

/**
 * A file pragma inserted before the first tag of a clean XML document (at its start or right after
 * the XML declaration) is a comment of the prolog: every offset moves by its length and nothing
 * else changes but what it silences, so only the pragma needs reading. Undefined where that is not
 * certain: a document with problems, or a declaration or other processing instruction still to
 * come (a comment may not precede `<?xml`). `test/fuzz/disableVerdicts.test.ts` holds it equal to
 * the full verdict. Editors ask for code actions where the cursor is after every edit: on a
 * 2,000-disk document such a request took 60 ms with the full verdict, 1 ms now.
 */
export function prologVerdict(analysis: Analysis, edit: Edit, code: string): boolean | undefined {
  const { text } = analysis;
  const at = edit.span.start;
  if (analysis.kind !== 'libvirt-xml' || analysis.problems.length > 0 || edit.span.end !== at) return undefined;
  if (text.length + edit.newText.length > MAX_ANALYSED_LENGTH) return undefined;
  if (at !== xmlPragmaOffset(text)) return undefined;
  // What follows must be a comment or an element, not a declaration or instruction.
  if (!/^\s*<(?:!--|[A-Za-z_])/.test(text.slice(at, at + 256))) return undefined;
  const inserted = parseDomainXml(edit.newText);
  if (inserted.problems.length > 0 || inserted.comments.length !== 1 || inserted.disks.length > 0) return undefined;
  const pragma = readSuppressions(inserted.comments, new LineIndex(edit.newText));
  return pragma !== null && pragma.isSuppressed(code, -1) && analysis.findings.some((f) => f.code === code);
}

/** The edited text analysed whole: exactly the targeted findings are gone, and the disks are as many. */
export function fullVerdict(analysed: Analysed, edit: Edit, targeted: (f: Finding) => boolean): boolean {
  const { analysis, options } = analysed;
  const text = analysis.text.slice(0, edit.span.start) + edit.newText + analysis.text.slice(edit.span.end);
  const after = analyzeText(text, options);
  if (after.disks.length !== analysis.disks.length) return false;
  const key = (f: Finding) => `${f.severity}\u0000${f.code}\u0000${f.message}`;
  const expected = analysis.findings.filter((f) => !targeted(f)).map(key).sort();
  const got = after.findings.map(key).sort();
  return expected.length < analysis.findings.length && expected.join('\u0001') === got.join('\u0001');
}
