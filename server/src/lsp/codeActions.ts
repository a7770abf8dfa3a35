/**
 * Code actions from vmdisk diagnostics: each fix the diagnostic's `data` carries, "disable CODE"
 * for the line and for the file (offered only when re-analysing the edited text shows the comment
 * does exactly that), "open documentation", and a source action applying every preferred fix.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { analyzeText } from '../../../shared/src/analyze';
import type { Span, Syntax } from '../../../shared/src/model';
import type { Edit, Finding } from '../../../shared/src/rules/types';
import { docsUrl } from '../paths';
import type { Analysed } from './analyses';
import { OPEN_RULE_DOC } from './commands';
import { dataOf, fixData, SOURCE, type FixData } from './diagnostics';
import { disableFileEdit, disableLineEdit } from './disableComments';

export const FIX_ALL_KIND = 'source.fixAll.vmdisk';

export function codeActions(uri: string, analysed: Analysed, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const syntax = analysed.analysis.kind;
  if (syntax === 'none') return actions;
  if (wanted(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
      actions.push(...quickFixes(uri, analysed, syntax, diagnostic, diagnostic.code));
    }
  }
  if (wanted(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(uri, analysed);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function workspaceEdit(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

function toTextEdits(analysed: Analysed, edits: readonly Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: analysed.analysis.lines.rangeOf(e.span), newText: e.newText }));
}

function quickFixes(uri: string, analysed: Analysed, syntax: Syntax, diagnostic: Diagnostic, code: string): CodeAction[] {
  const { analysis } = analysed;
  const fixes: FixData[] = dataOf(diagnostic)?.fixes ?? fallbackFixes(analysed, diagnostic, code);
  const actions: CodeAction[] = fixes.map((f) => ({
    title: f.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: f.preferred,
    edit: workspaceEdit(uri, f.edits),
  }));
  const line = diagnostic.range.start.line;
  const lineEdit = disableLineEdit(analysis.text, analysis.lines, line, code, syntax);
  if (suppresses(analysed, lineEdit, (f) => f.code === code && analysis.lines.positionAt(f.span.start).line === line)) {
    actions.push({ title: `Disable ${code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(uri, toTextEdits(analysed, [lineEdit])) });
  }
  const fileEdit = disableFileEdit(analysis.text, analysis.lines, code, syntax);
  if (suppresses(analysed, fileEdit, (f) => f.code === code)) {
    actions.push({ title: `Disable ${code} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(uri, toTextEdits(analysed, [fileEdit])) });
  }
  const url = docsUrl(code);
  actions.push({
    title: `Open documentation for ${code}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Open documentation for ${code}`, command: OPEN_RULE_DOC, arguments: [url] },
  });
  return actions;
}

/** For clients that do not send `data` back: the fixes of the same finding in the current analysis. */
function fallbackFixes(analysed: Analysed, diagnostic: Diagnostic, code: string): FixData[] {
  const { analysis } = analysed;
  const same = analysis.findings.find((f) => {
    const r = analysis.lines.rangeOf(f.span);
    return f.code === code && r.start.line === diagnostic.range.start.line && r.start.character === diagnostic.range.start.character && r.end.line === diagnostic.range.end.line && r.end.character === diagnostic.range.end.character;
  });
  return same ? fixData(analysis, same).fixes : [];
}

/**
 * A disable comment is offered only if, in the edited text, exactly the targeted findings are gone
 * and the disks are unchanged: a comment line must not break a tag or cut a shell command.
 */
function suppresses(analysed: Analysed, edit: Edit, targeted: (f: Finding) => boolean): boolean {
  const { analysis, options } = analysed;
  const text = analysis.text.slice(0, edit.span.start) + edit.newText + analysis.text.slice(edit.span.end);
  const after = analyzeText(text, options);
  if (after.disks.length !== analysis.disks.length) return false;
  const key = (f: Finding) => `${f.severity}\u0000${f.code}\u0000${f.message}`;
  const expected = analysis.findings.filter((f) => !targeted(f)).map(key).sort();
  const got = after.findings.map(key).sort();
  return expected.length < analysis.findings.length && expected.join('\u0001') === got.join('\u0001');
}

function overlaps(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/** Every preferred fix whose edits do not touch those of a fix taken before it. */
function fixAllAction(uri: string, analysed: Analysed): CodeAction | undefined {
  const taken: Edit[] = [];
  for (const finding of analysed.analysis.findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix || fix.edits.some((e) => taken.some((t) => overlaps(e.span, t.span)))) continue;
    taken.push(...fix.edits);
  }
  if (taken.length === 0) return undefined;
  return { title: 'Fix all vmdisk problems', kind: FIX_ALL_KIND, edit: workspaceEdit(uri, toTextEdits(analysed, taken)) };
}
