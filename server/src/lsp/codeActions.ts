/**
 * Code actions from vmdisk diagnostics: the fixes of the diagnostic's finding, "disable CODE" for
 * the line and for the file (offered only when the edited text is shown to read the same, but for
 * that comment), "open documentation", and a source action applying every preferred fix.
 *
 * Editors ask for code actions at every cursor move, and the fix-all edit of a large document is
 * large (about 100 KB for 2,000 disks): a client that can resolve an action's edit gets it only
 * when the action is chosen (`codeAction/resolve`). A request that names the fix-all kind (or
 * `source`) means to apply it, as VS Code does on save: it gets the edit at once, without a
 * second round trip that a save could lose.
 */
import { CodeActionKind, type ClientCapabilities, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from '../../../shared/src/analyze';
import type { Syntax } from '../../../shared/src/model';
import type { Edit } from '../../../shared/src/rules/types';
import { docsUrl } from '../paths';
import type { Analysed } from './analyses';
import { OPEN_RULE_DOC } from './commands';
import { findingOf, SOURCE } from './diagnostics';
import { disableFileEdit, disableLineEdit, disableWorks } from './disableComments';

export const FIX_ALL_KIND = 'source.fixAll.vmdisk';

/** What a fix-all action whose edit is left to `codeAction/resolve` carries to say which document. */
interface FixAllData {
  fixAllOf: string;
}

/** Whether the client keeps an action's `data` and asks for its edit later (VS Code does). */
export function resolvesEdits(caps: ClientCapabilities): boolean {
  const codeAction = caps.textDocument?.codeAction;
  return codeAction?.dataSupport === true && codeAction.resolveSupport?.properties.includes('edit') === true;
}

export function codeActions(uri: string, analysed: Analysed, params: CodeActionParams, editLater: boolean): CodeAction[] {
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
    const named = only !== undefined && only.length > 0;
    const fixAll = fixAllAction(uri, analysed.analysis, editLater && !named);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function workspaceEdit(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

function toTextEdits(analysis: Analysis, edits: readonly Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: analysis.lines.rangeOf(e.span), newText: e.newText }));
}

function quickFixes(uri: string, analysed: Analysed, syntax: Syntax, diagnostic: Diagnostic, code: string): CodeAction[] {
  const { analysis } = analysed;
  const finding = findingOf(analysis, diagnostic);
  // A diagnostic of an older text that no finding matches any more gets no edits: they could land anywhere.
  if (!finding) return [];
  const actions: CodeAction[] = finding.fixes.map((f) => ({
    title: f.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: f.preferred === true,
    edit: workspaceEdit(uri, toTextEdits(analysis, f.edits)),
  }));
  const line = analysis.lines.positionAt(finding.span.start).line;
  const lineEdit = disableLineEdit(analysis.text, analysis.lines, line, code, syntax);
  if (disableWorks(analysed, lineEdit, code, line)) {
    actions.push({ title: `Disable ${code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(uri, toTextEdits(analysis, [lineEdit])) });
  }
  const fileEdit = disableFileEdit(analysis.text, analysis.lines, code, syntax);
  if (disableWorks(analysed, fileEdit, code)) {
    actions.push({ title: `Disable ${code} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(uri, toTextEdits(analysis, [fileEdit])) });
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

/** Every preferred fix whose edits do not touch those of a fix taken before it; offered only when there is one. */
function fixAllAction(uri: string, analysis: Analysis, editLater: boolean): CodeAction | undefined {
  const action: CodeAction = { title: 'Fix all vmdisk problems', kind: FIX_ALL_KIND };
  if (editLater) {
    // The first preferred fix is always taken, so one is enough to know the edit is not empty.
    if (!analysis.findings.some((f) => f.fixes.some((fix) => fix.preferred && fix.edits.length > 0))) return undefined;
    action.data = { fixAllOf: uri } satisfies FixAllData;
    return action;
  }
  const taken = fixAllEditsOf(analysis);
  if (taken.length === 0) return undefined;
  action.edit = workspaceEdit(uri, toTextEdits(analysis, taken));
  return action;
}

/** The URI of the document whose fix-all edit `action` leaves to be resolved, if it is such an action. */
export function fixAllDocument(action: CodeAction): string | undefined {
  const data = action.data as Partial<FixAllData> | undefined;
  return action.kind === FIX_ALL_KIND && typeof data?.fixAllOf === 'string' ? data.fixAllOf : undefined;
}

/** The action with its edit, made from the document's current analysis: what the editor will apply now. */
export function resolveFixAll(action: CodeAction, uri: string, analysis: Analysis): CodeAction {
  return { ...action, edit: workspaceEdit(uri, toTextEdits(analysis, fixAllEditsOf(analysis))) };
}

/** Per analysis: editors ask for code actions at every cursor move. */
const fixAllEdits = new WeakMap<Analysis, Edit[]>();

function fixAllEditsOf(analysis: Analysis): Edit[] {
  let taken = fixAllEdits.get(analysis);
  if (!taken) {
    taken = preferredFixEdits(analysis);
    fixAllEdits.set(analysis, taken);
  }
  return taken;
}

function preferredFixEdits(analysis: Analysis): Edit[] {
  const taken: Edit[] = [];
  // Spans taken so far, sorted by start and not overlapping, so each fix is checked by binary search.
  const spans: { start: number; end: number }[] = [];
  const clashes = (e: Edit): boolean => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end < e.span.start) lo = mid + 1;
      else hi = mid;
    }
    // Two insertions at one offset clash too: their order would be up to the editor.
    for (let i = lo; i < spans.length && spans[i].start <= e.span.end; i++) {
      const t = spans[i];
      if ((e.span.start < t.end && t.start < e.span.end) || e.span.start === t.start) return true;
    }
    return false;
  };
  for (const finding of analysis.findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix || fix.edits.some(clashes)) continue;
    for (const e of fix.edits) {
      taken.push(e);
      let at = spans.length;
      while (at > 0 && spans[at - 1].start > e.span.start) at--;
      spans.splice(at, 0, e.span);
    }
  }
  return taken;
}
