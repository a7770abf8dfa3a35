/**
 * What must hold for any analysis of any text: every span lies inside the document, the edits of
 * one fix do not overlap, findings are well-formed and in order. Throws with the first violation.
 */
import type { Analysis } from '../../shared/src/analyze';
import type { OptionGroup, Setting, Span } from '../../shared/src/model';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function checkSpan(text: string, span: Span, what: string): void {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length) {
    throw new Error(`${what}: span ${start}..${end} is not inside the document (length ${text.length})`);
  }
  // An LSP position between the halves of a surrogate pair points into the middle of a character.
  for (const at of [start, end]) {
    if (at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at))) {
      throw new Error(`${what}: span ${start}..${end} splits a surrogate pair at ${at}`);
    }
  }
}

function checkSetting(text: string, s: Setting | null, what: string): void {
  if (!s) return;
  checkSpan(text, s.span, `${what} value`);
  checkSpan(text, s.keySpan, `${what} key`);
}

function checkGroup(text: string, g: OptionGroup | undefined, what: string): void {
  if (!g) return;
  checkSpan(text, g.span, what);
  checkSpan(text, { start: g.insertAt, end: g.insertAt }, `${what} insertAt`);
  for (const s of g.settings) checkSetting(text, s, `${what} setting ${s.key}`);
  for (const [key, child] of Object.entries(g.children ?? {})) checkGroup(text, child, `${what}.${key}`);
}

export function checkAnalysis(text: string, a: Analysis): void {
  if (a.text !== text) throw new Error('the analysis is of another text');
  a.disks.forEach(({ disk, effective }, i) => {
    const what = `disk ${i} (${disk.name})`;
    checkSpan(text, disk.span, what);
    checkSpan(text, disk.anchor, `${what} anchor`);
    for (const key of ['source', 'format', 'cache', 'aio', 'cacheDirect', 'cacheNoFlush', 'cacheWriteback', 'writeCache', 'readonly', 'shareable', 'snapshot', 'discard', 'detectZeroes', 'copyOnRead'] as const) {
      checkSetting(text, disk[key], `${what} ${key}`);
    }
    for (const [name, group] of Object.entries(disk.groups)) checkGroup(text, group, `${what} group ${name}`);
    disk.nodes.forEach((n, k) => {
      checkSpan(text, n.span, `${what} node ${k}`);
      checkSetting(text, n.driver, `${what} node ${k} driver`);
      checkSetting(text, n.nodeName, `${what} node ${k} node-name`);
      checkGroup(text, n.group, `${what} node ${k} group`);
    });
    for (const flag of ['writeback', 'direct', 'noFlush'] as const) {
      if (typeof effective[flag] !== 'boolean') throw new Error(`${what}: effective.${flag} is ${String(effective[flag])}`);
    }
  });
  let previous = -1;
  a.findings.forEach((f, i) => {
    const what = `finding ${i} (${f.code})`;
    if (typeof f.code !== 'string' || f.code === '') throw new Error(`${what}: no code`);
    if (!SEVERITIES.has(f.severity)) throw new Error(`${what}: severity ${String(f.severity)}`);
    if (typeof f.message !== 'string' || f.message.trim() === '') throw new Error(`${what}: empty message`);
    checkSpan(text, f.span, what);
    if (f.span.start < previous) throw new Error(`${what}: findings are not in document order`);
    previous = f.span.start;
    f.related.forEach((r, k) => checkSpan(text, r.span, `${what} related ${k}`));
    f.fixes.forEach((fix, k) => {
      if (fix.edits.length === 0) throw new Error(`${what} fix ${k} "${fix.title}": no edits`);
      fix.edits.forEach((e, j) => checkSpan(text, e.span, `${what} fix ${k} "${fix.title}" edit ${j}`));
      const sorted = [...fix.edits].sort((x, y) => x.span.start - y.span.start);
      for (let j = 1; j < sorted.length; j++) {
        if (sorted[j].span.start < sorted[j - 1].span.end) throw new Error(`${what} fix ${k} "${fix.title}": edits overlap`);
      }
    });
  });
  // Every LSP range the server would send must name a real line and a character on it.
  for (const f of a.findings) {
    for (const p of [a.lines.positionAt(f.span.start), a.lines.positionAt(f.span.end)]) {
      if (p.line >= a.lines.lineCount || p.character > a.lines.lineEnd(p.line) - a.lines.lineStart(p.line)) {
        throw new Error(`finding ${f.code}: position ${p.line}:${p.character} is past the end of its line`);
      }
    }
  }
}

/**
 * Generous on purpose (tests run in parallel on busy machines): a fixed allowance plus 5 µs per
 * character. Linear work stays far below it; quadratic work on the large cases goes far above.
 */
export function timeBoundMs(length: number): number {
  return 1_000 + length / 200;
}
