/**
 * Where a shell's quoting meets key=value spans. The lexer maps each decoded character to the raw
 * text it came from, so a value is the raw text of its characters — right for a fix to replace
 * when it is quoted whole or not at all, wrong when it holds one quote of a pair, or when an
 * option appended at a group's end would follow a lone backslash. Spans are widened to the other
 * quote where it stands beside them; where nothing can keep the quoting, the group takes no fix.
 */
import type { Disk, OptionGroup, Span } from '../../model';

export function guardShellQuoting(text: string, disk: Disk, expansions: readonly Span[]): void {
  for (const group of [disk.groups.driver, disk.groups.device, ...disk.nodes.map((n) => n.group)]) {
    if (group === undefined || group.form === 'xml') continue;
    if (expansions.length > 0) markExpanded(group, expansions);
    if (group.form !== 'keyval') continue;
    for (const s of group.settings) {
      // A value whose quotes pair with text beyond it (a quote left open before it): no fix may touch the group.
      if (s.span !== s.keySpan && !closeQuotes(text, s.span)) group.malformed = true;
    }
    // After a lone backslash (a cut-off continuation) an appended `,key=value` would be escaped.
    if (backslashesBefore(text, group.insertAt) % 2 === 1) group.malformed = true;
  }
}

/**
 * A value holding a shell expansion is not known until the shell runs (`aio=$AIO`): it is marked,
 * and rules do not judge it. An expansion that reaches beyond one value (`${X:-a,cache=none}`, or
 * one over a key) leaves nothing of the group certain, so no fix may write into it either.
 */
function markExpanded(group: OptionGroup, expansions: readonly Span[]): void {
  if (firstOverlapping(expansions, group.span) < 0) return;
  for (const s of group.settings) {
    const i = firstOverlapping(expansions, s.span);
    if (i >= 0) {
      s.expanded = true;
      for (let k = i; k < expansions.length && expansions[k].start < s.span.end; k++) {
        if (expansions[k].start < s.span.start || expansions[k].end > s.span.end) group.malformed = true;
      }
    }
    if (s.keySpan !== s.span && firstOverlapping(expansions, s.keySpan) >= 0) group.malformed = true;
  }
}

/** Index of the first expansion overlapping `span` (expansions are in document order and disjoint), or -1. */
function firstOverlapping(expansions: readonly Span[], span: Span): number {
  let lo = 0;
  let hi = expansions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (expansions[mid].end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < expansions.length && expansions[lo].start < span.end ? lo : -1;
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
