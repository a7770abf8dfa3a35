import type { Disk, OptionGroup, ParsedDocument, Span, SyntaxProblem } from '../../model';
import { type QemuVariables, qemuArguments } from './command';
import { disksFromQemuArgs } from './disks';
import { lexShell } from './shellWords';

export interface QemuCmdlineOptions {
  /** A shell script (only commands running QEMU count) rather than one QEMU command line (`.args`). */
  shellScript: boolean;
}

/** Disks, syntax problems and comments of a QEMU command line or a shell script launching QEMU. */
export function parseQemuCmdline(text: string, options: QemuCmdlineOptions): ParsedDocument {
  const lexed = lexShell(text, { continuationInSingleQuotes: !options.shellScript });
  const problems: SyntaxProblem[] = lexed.problems;
  const disks: Disk[] = [];
  const commands = options.shellScript ? lexed.commands : [lexed.commands.flat()];
  const variables: QemuVariables = new Set();
  for (const words of commands) {
    const args = qemuArguments(words, !options.shellScript, variables);
    if (args) disks.push(...disksFromQemuArgs(args, problems));
  }
  for (const disk of disks) {
    for (const group of groupsOf(disk)) {
      closeQuotesOfValues(text, group);
      // After a lone backslash (a cut-off continuation) an appended `,key=value` would be escaped.
      if (group.form === 'keyval' && backslashesBefore(text, group.insertAt) % 2 === 1) group.malformed = true;
    }
  }
  return { disks, problems, comments: lexed.comments };
}

function groupsOf(disk: Disk): OptionGroup[] {
  const groups = [disk.groups.driver, disk.groups.device, ...disk.nodes.map((n) => n.group)];
  return groups.filter((g): g is OptionGroup => g !== undefined);
}

/**
 * A key=value value is mapped to the raw text of its characters: `cache.direct='on'` to the `on`
 * inside the quotes, which a fix may replace as it is. But a value quoted only in part, `n'ative'`
 * or `'nat've`, would contain one quote of a pair: replacing it would leave the other open, to
 * swallow the rest of the command line. Such a value's span takes in the other quote too.
 */
function closeQuotesOfValues(text: string, group: OptionGroup): void {
  if (group.form !== 'keyval') return;
  for (const s of group.settings) {
    // A value whose quotes pair with text beyond it (a quote left open before it): no fix may touch the group.
    if (s.span !== s.keySpan && !closeQuotes(text, s.span)) group.malformed = true;
  }
}

/** Widens the span by the other quote of a pair it holds one of; false when that is not beside it. */
function closeQuotes(text: string, span: Span): boolean {
  const open = quoteOpenAfter(text, span.start, span.end, 0);
  if (open === 0) return true;
  // Begun inside quotes opened just before it?
  const before = text.charCodeAt(span.start - 1);
  if ((before === SQUOTE || before === DQUOTE) && quoteOpenAfter(text, span.start, span.end, before) === 0) span.start--;
  else if (text.charCodeAt(span.end) === open) span.end++;
  else return false;
  return true;
}

/** The quote still open after scanning [from, to) as shell text, starting inside `open` (0: outside). */
function quoteOpenAfter(text: string, from: number, to: number, open: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (open === 0 && c === BACKSLASH) i++;
    else if (open === 0 && (c === SQUOTE || c === DQUOTE)) open = c;
    else if (open === DQUOTE && c === BACKSLASH) i++;
    else if (c === open) open = 0;
  }
  return open;
}

function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === BACKSLASH) n++;
  return n;
}

const BACKSLASH = 92;
const SQUOTE = 39;
const DQUOTE = 34;
