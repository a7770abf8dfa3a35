import type { Comment, Span, SyntaxProblem } from '../../model';
import { WordBuilder } from './wordBuilder';
import type { MappedText } from '../../text/mapped';

/**
 * Splits shell text into commands of words, the way a POSIX shell would before expansion:
 * quotes, backslash escapes, `\`+newline continuations, comments, `;`/`&&`/`||`/`|`/newline
 * between commands, redirections dropped. `$VAR`, `${…}`, `$(…)` and backticks stay as
 * literal text of their word; nothing is expanded.
 */

/** A decoded word plus where it stands in the document, quotes included. */
export interface ShellWord extends MappedText {
  span: Span;
  /** Starts with an unquoted `NAME=`: a variable assignment when it precedes the command name. */
  assignment: boolean;
}

export interface ShellLexResult {
  commands: ShellWord[][];
  comments: Comment[];
  problems: SyntaxProblem[];
  /**
   * Where the shell would expand something (`$NAME`, `${…}`, `$(…)`, backquotes, outside single
   * quotes), in document order: what the program gets there is not the text written.
   */
  expansions: Span[];
}

export interface ShellLexOptions {
  /**
   * libvirt's .args files wrap long lines with `\`+newline even inside single quotes, and
   * libvirt removes those; a real shell keeps them. True = remove them (the .args convention),
   * and also drop a `\` that ends the text.
   */
  continuationInSingleQuotes: boolean;
}

const PLAIN = 0;
const BLANK = 1;
const NEWLINE = 2;
const OPERATOR = 3;
const REDIRECT = 4;
const SPECIAL = 5;

const CLASS = new Uint8Array(128);
for (const c of [9, 11, 12, 13, 32]) CLASS[c] = BLANK;
CLASS[10] = NEWLINE;
for (const c of ';&|()') CLASS[c.charCodeAt(0)] = OPERATOR;
for (const c of '<>') CLASS[c.charCodeAt(0)] = REDIRECT;
for (const c of '\\\'"$`') CLASS[c.charCodeAt(0)] = SPECIAL;

const BACKSLASH = 92;
const LF = 10;
const CR = 13;
const SQUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const BACKTICK = 96;
const HASH = 35;

function classOf(c: number): number {
  return c < 128 ? CLASS[c] : PLAIN;
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
}

export function lexShell(text: string, options: ShellLexOptions): ShellLexResult {
  return new ShellLexer(text, options).run();
}

class ShellLexer {
  private pos = 0;
  private readonly n: number;
  private current: ShellWord[] = [];
  private readonly commands: ShellWord[][] = [];
  private readonly comments: Comment[] = [];
  private readonly problems: SyntaxProblem[] = [];
  private readonly expansions: Span[] = [];
  private heredocs: PendingHeredoc[] = [];

  constructor(
    private readonly text: string,
    private readonly options: ShellLexOptions,
  ) {
    this.n = text.length;
  }

  run(): ShellLexResult {
    const t = this.text;
    while (this.pos < this.n) {
      const c = t.charCodeAt(this.pos);
      const cls = classOf(c);
      if (cls === BLANK) {
        this.pos++;
      } else if (cls === NEWLINE) {
        this.endCommand();
        this.pos++;
        if (this.heredocs.length > 0) this.skipHeredocBodies();
      } else if (c === BACKSLASH && this.continuationLength(this.pos) > 0) {
        this.pos += this.continuationLength(this.pos);
      } else if (c === HASH) {
        this.readComment();
      } else if (cls === OPERATOR) {
        this.readOperator(c);
      } else if (cls === REDIRECT) {
        this.readRedirection();
      } else {
        const word = this.readWord();
        const next = t.charCodeAt(this.pos);
        if ((next === 60 || next === 62) && isIoNumber(word)) this.readRedirection();
        else this.current.push(word);
      }
    }
    this.endCommand();
    return { commands: this.commands, comments: this.comments, problems: this.problems, expansions: this.expansions };
  }

  private endCommand(): void {
    if (this.current.length > 0) this.commands.push(this.current);
    this.current = [];
  }

  /**
   * Length of a `\`+newline (LF or CRLF) at `at`, 0 if there is none. In an .args file a `\`
   * that ends the text is a line being typed, not a word of its own (a POSIX shell keeps it).
   */
  private continuationLength(at: number): number {
    const t = this.text;
    if (t.charCodeAt(at) !== BACKSLASH) return 0;
    if (at + 1 === this.n) return this.options.continuationInSingleQuotes ? 1 : 0;
    const d = t.charCodeAt(at + 1);
    if (d === LF) return 2;
    if (d === CR && t.charCodeAt(at + 2) === LF) return 3;
    return 0;
  }

  /** End of the line holding `at`, before its CR LF / LF. */
  private lineEnd(at: number): number {
    let end = this.text.indexOf('\n', at);
    if (end < 0) end = this.n;
    if (end > at && this.text.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  private readComment(): void {
    const start = this.pos;
    const end = this.lineEnd(start);
    this.comments.push({ span: { start, end }, text: this.text.slice(start + 1, end) });
    this.pos = end;
  }

  private readOperator(c: number): void {
    const t = this.text;
    const next = t.charCodeAt(this.pos + 1);
    if (c === 38 /* & */ && next === 62 /* > */) {
      this.readRedirection();
      return;
    }
    this.endCommand();
    const doubled = (c === 38 || c === 124 || c === 59) && next === c; // && || ;;
    const pipeAll = c === 124 && next === 38; // |&
    this.pos += doubled || pipeAll ? 2 : 1;
  }

  /** `<`, `>`, `>>`, `<<`, `<<-`, `<<<`, `&>`, `>&`, `2>` …: the operator and its target word are dropped. */
  private readRedirection(): void {
    const t = this.text;
    let p = this.pos;
    if (t.charCodeAt(p) === 38) p++; // &>
    const first = t.charCodeAt(p);
    p++;
    let heredoc = false;
    let stripTabs = false;
    if (first === 60 /* < */) {
      if (t.charCodeAt(p) === 60) {
        p++;
        if (t.charCodeAt(p) === 60) p++; // <<< here-string
        else {
          heredoc = true;
          if (t.charCodeAt(p) === 45 /* - */) {
            stripTabs = true;
            p++;
          }
        }
      } else if (t.charCodeAt(p) === 38 || t.charCodeAt(p) === 62) p++;
    } else {
      const d = t.charCodeAt(p);
      if (d === 62 || d === 38 || d === 124) p++; // >> >& >|
    }
    this.pos = p;
    while (this.pos < this.n) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9) this.pos++;
      else if (this.continuationLength(this.pos) > 0) this.pos += this.continuationLength(this.pos);
      else break;
    }
    if (this.pos >= this.n) return;
    const cls = classOf(t.charCodeAt(this.pos));
    if (cls === PLAIN || cls === SPECIAL) {
      const target = this.readWord();
      if (heredoc) this.heredocs.push({ delimiter: target.text, stripTabs });
    }
  }

  /** After the newline that ends a line with `<<WORD`: skip the here-document bodies. */
  private skipHeredocBodies(): void {
    const t = this.text;
    for (const doc of this.heredocs) {
      while (this.pos < this.n) {
        const end = this.lineEnd(this.pos);
        let lineStart = this.pos;
        if (doc.stripTabs) while (lineStart < end && t.charCodeAt(lineStart) === 9) lineStart++;
        const nl = t.indexOf('\n', end);
        this.pos = nl < 0 ? this.n : nl + 1;
        if (t.slice(lineStart, end) === doc.delimiter) break;
      }
    }
    this.heredocs = [];
  }

  private readWord(): ShellWord {
    const t = this.text;
    const start = this.pos;
    const b = new WordBuilder(t);
    let p = this.pos;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      const cls = classOf(c);
      if (cls === PLAIN) {
        const runStart = p;
        p++;
        while (p < this.n) {
          const d = t.charCodeAt(p);
          if (d < 128 && CLASS[d] !== PLAIN) break;
          p++;
        }
        b.appendRun(runStart, p);
      } else if (cls !== SPECIAL) {
        break;
      } else if (c === BACKSLASH) {
        const cont = this.continuationLength(p);
        if (cont > 0) p += cont;
        else if (p + 1 >= this.n) {
          b.appendRun(p, p + 1);
          p++;
        } else {
          b.appendDecoded(t[p + 1], p, 2);
          p += 2;
        }
      } else if (c === SQUOTE) {
        p = this.readSingleQuoted(p, b);
      } else if (c === DQUOTE) {
        p = this.readDoubleQuoted(p, b);
      } else if (c === DOLLAR || c === BACKTICK) {
        const end = this.substitutionEnd(p);
        this.noteExpansion(p, end);
        b.appendRun(p, end);
        p = end;
      }
    }
    this.pos = p;
    return b.finish({ start, end: p }, isAssignmentAt(t, start));
  }

  private readSingleQuoted(quote: number, b: WordBuilder): number {
    const t = this.text;
    b.noteEmptyAt(quote + 1);
    let close = t.indexOf("'", quote + 1);
    const closed = close >= 0;
    if (!closed) close = this.unterminated(quote, 'single quote');
    if (!this.options.continuationInSingleQuotes) {
      b.appendRun(quote + 1, close);
    } else {
      let from = quote + 1;
      for (let k = t.indexOf('\\', from); k >= 0 && k < close; k = t.indexOf('\\', k + 1)) {
        const cont = this.continuationLength(k);
        if (cont === 0) continue;
        b.appendRun(from, k);
        from = k + cont;
        k = from - 1;
      }
      b.appendRun(from, close);
    }
    return closed ? close + 1 : close;
  }

  private readDoubleQuoted(quote: number, b: WordBuilder): number {
    const t = this.text;
    b.noteEmptyAt(quote + 1);
    let close = this.doubleQuoteEnd(quote);
    const closed = close >= 0;
    if (!closed) close = this.unterminated(quote, 'double quote');
    let run = quote + 1;
    let p = run;
    while (p < close) {
      const c = t.charCodeAt(p);
      if (c === BACKSLASH && p + 1 < close) {
        const cont = this.continuationLength(p);
        const d = t.charCodeAt(p + 1);
        if (cont > 0) {
          b.appendRun(run, p);
          p += cont;
          run = p;
        } else if (d === DOLLAR || d === BACKTICK || d === DQUOTE || d === BACKSLASH) {
          b.appendRun(run, p);
          b.appendDecoded(t[p + 1], p, 2);
          p += 2;
          run = p;
        } else p += 2;
      } else if ((c === DOLLAR || c === BACKTICK) && this.isSubstitutionStart(p)) {
        const end = this.balancedEnd(p);
        const stop = end < 0 ? close : Math.min(end, close);
        this.noteExpansion(p, stop);
        p = stop;
      } else if (c === DOLLAR) {
        this.noteExpansion(p, p + 1);
        p++;
      } else p++;
    }
    b.appendRun(run, close);
    return closed ? close + 1 : close;
  }

  /** Index of the `"` closing the string opened at `quote`, or -1. */
  private doubleQuoteEnd(quote: number): number {
    const t = this.text;
    let p = quote + 1;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === DQUOTE) return p;
      if (c === BACKSLASH) p += 2;
      else if ((c === DOLLAR || c === BACKTICK) && this.isSubstitutionStart(p)) {
        const end = this.balancedEnd(p);
        if (end < 0) return -1;
        p = end;
      } else p++;
    }
    return -1;
  }

  /** Reports an unterminated quote and returns where its text is cut: the end of its line. */
  private unterminated(at: number, what: string): number {
    const end = this.lineEnd(at);
    this.problems.push({ span: { start: at, end: Math.max(end, at + 1) }, message: `unterminated ${what}`, severity: 'error' });
    return end;
  }

  /**
   * Notes the expansion at `p`: the substitution `[p, end)`, or for a lone `$` the parameter
   * named after it (`$NAME`, `$1`, `$@`); a `$` before anything else is just a `$`.
   */
  private noteExpansion(p: number, end: number): void {
    const t = this.text;
    if (end === p + 1 && t.charCodeAt(p) === DOLLAR) {
      let q = p + 1;
      const c = q < this.n ? t.charCodeAt(q) : -1;
      if (isNameStart(c)) while (q < this.n && isNameChar(t.charCodeAt(q))) q++;
      else if ((c >= 48 && c <= 57) || SPECIAL_PARAMETERS.includes(c)) q++;
      if (q === p + 1) return;
      end = q;
    }
    this.expansions.push({ start: p, end });
  }

  private isSubstitutionStart(p: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c === BACKTICK) return true;
    const d = this.text.charCodeAt(p + 1);
    return c === DOLLAR && (d === 40 || d === 123);
  }

  /** End of `$(…)`, `${…}` or `` `…` `` starting at `p` (kept verbatim); a lone `$` is one character. */
  private substitutionEnd(p: number): number {
    if (!this.isSubstitutionStart(p)) return p + 1;
    const end = this.balancedEnd(p);
    if (end >= 0) return end;
    return this.unterminated(p, this.text.charCodeAt(p) === BACKTICK ? 'backquote' : 'substitution');
  }

  /** Index after the bracket or backquote closing the substitution at `p`, or -1. */
  private balancedEnd(p: number): number {
    const t = this.text;
    if (t.charCodeAt(p) === BACKTICK) {
      for (let k = p + 1; k < this.n; k++) {
        const c = t.charCodeAt(k);
        if (c === BACKSLASH) k++;
        else if (c === BACKTICK) return k + 1;
      }
      return -1;
    }
    const open = t.charCodeAt(p + 1);
    const close = open === 40 ? 41 : 125;
    let depth = 0;
    for (let k = p + 1; k < this.n; k++) {
      const c = t.charCodeAt(k);
      if (c === BACKSLASH) k++;
      else if (c === SQUOTE) {
        const q = t.indexOf("'", k + 1);
        if (q < 0) return -1;
        k = q;
      } else if (c === DQUOTE) {
        const q = this.doubleQuoteEnd(k);
        if (q < 0) return -1;
        k = q;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) return k + 1;
    }
    return -1;
  }
}

function isIoNumber(word: ShellWord): boolean {
  if (word.span.end - word.span.start !== word.text.length || word.text.length === 0) return false;
  for (let i = 0; i < word.text.length; i++) {
    const c = word.text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isAssignmentAt(t: string, start: number): boolean {
  const first = t.charCodeAt(start);
  if (!(isAlpha(first) || first === 95)) return false;
  for (let p = start + 1; p < t.length; p++) {
    const c = t.charCodeAt(p);
    if (c === 61) return true;
    if (!(isAlpha(c) || c === 95 || (c >= 48 && c <= 57))) return false;
  }
  return false;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `$@ $* $# $? $$ $! $-`: the shell's special parameters. */
const SPECIAL_PARAMETERS = [64, 42, 35, 63, 36, 33, 45];

function isNameStart(c: number): boolean {
  return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
