/**
 * Reads the attributes of one start tag with exact offsets, tolerating half-typed text: a value
 * whose closing quote is missing, a tag that runs into the next `<` or the end of the text, an
 * attribute without a value. Every such slip becomes a problem; reading goes on.
 */
import { span, type Setting, type Span, type SyntaxProblem } from '../../model';
import { CR, DQUOTE, EQ, GT, LF, LT, SLASH, SQUOTE, isNameStart, isSpace, nameEndAt, skipSpace, trimSpaceBefore } from './chars';
import { codePointLength } from '../codePoint';
import { decodeValue, decodeValueFrom, plainUpTo } from './entities';
import { ForwardSearch } from './forwardSearch';
import { NameTable } from './names';

export type Quote = '"' | "'";

export interface StartTag {
  /** Offset of `<`. */
  start: number;
  /** Offset just after the tag name. */
  nameEnd: number;
  /** Offset after `>` or `/>`; for a tag that is not closed, where reading stopped. */
  end: number;
  selfClosing: boolean;
  /** False when the tag ran into another `<` or the end of the text before its `>`. */
  closed: boolean;
  /** The attributes as settings (decoded values, spans inside the quotes), when the caller asked for them. */
  attributes: Setting[] | undefined;
  /** `xmlns` (key '') and `xmlns:p` declarations, always read. */
  namespaces: Map<string, string> | undefined;
  /** Just after the last attribute (after the tag name when there is none). */
  insertAt: number;
  /** Quote of the first attribute. */
  quote: Quote | undefined;
}

export class StartTagReader {
  private readonly nextLt: ForwardSearch;
  private readonly nextSingle: ForwardSearch;
  private readonly nextDouble: ForwardSearch;
  private readonly nextAmp: ForwardSearch;
  /**
   * The attributes of the current tag are collected here, `count` of them, then copied out at
   * their exact size. Never truncated: setting `length = 0` would drop the backing store and make
   * every tag grow a new one.
   */
  private readonly scratch: Setting[] = [];
  private count = 0;
  /**
   * Keys of the collected attributes, to find duplicates in constant time; filled only for tags
   * with more than `LINEAR_KEYS` attributes (a short list is searched faster than a set is cleared).
   */
  private readonly seenKeys = new Set<string>();
  /** Attribute names and short values, one string per spelling (they repeat on every disk). */
  private readonly names: NameTable;
  private readonly tag: StartTag = { start: 0, nameEnd: 0, end: 0, selfClosing: false, closed: true, attributes: undefined, namespaces: undefined, insertAt: 0, quote: undefined };

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    /** Shared with the caller, so tag names and attribute names come from one table. */
    names?: NameTable,
  ) {
    this.nextLt = new ForwardSearch(text, '<');
    this.nextSingle = new ForwardSearch(text, "'");
    this.nextDouble = new ForwardSearch(text, '"');
    this.nextAmp = new ForwardSearch(text, '&');
    this.names = names ?? new NameTable(text);
  }

  /**
   * Reads the tag whose `<` is at `start` and whose name ends at `nameEnd`. The answer is one
   * object reused for every tag (a domain XML has tens of thousands): read it before the next call.
   */
  read(start: number, nameEnd: number, collect: boolean): StartTag {
    const tag = this.tag;
    tag.start = start;
    tag.nameEnd = nameEnd;
    tag.end = nameEnd;
    tag.selfClosing = false;
    tag.closed = true;
    tag.namespaces = undefined;
    tag.insertAt = nameEnd;
    tag.quote = undefined;
    this.count = 0;
    if (this.seenKeys.size > 0) this.seenKeys.clear();
    if (!collect) {
      this.readAttributes(tag, undefined);
      tag.attributes = undefined;
      return tag;
    }
    const scratch = this.scratch;
    this.readAttributes(tag, scratch);
    // A copy of exactly the right size: arrays grown by push keep room for 17 elements, and
    // these arrays stay in the parse result.
    tag.attributes = scratch.slice(0, this.count);
    return tag;
  }

  private readAttributes(tag: StartTag, attributes: Setting[] | undefined): void {
    const text = this.text;
    let p = tag.nameEnd;
    for (;;) {
      p = skipSpace(text, p);
      const c = p < text.length ? text.charCodeAt(p) : -1;
      if (c === GT) return this.finish(tag, p + 1, false);
      if (c === SLASH && text.charCodeAt(p + 1) === GT) return this.finish(tag, p + 2, true);
      if (c === LT || c < 0) return this.notClosed(tag, p);
      if (!isNameStart(c)) {
        p = this.skipJunk(p);
        continue;
      }
      const end = this.readAttribute(tag, p, attributes);
      if (end === undefined) return;
      p = end;
    }
  }

  /** Reads `name='value'` at `p`; returns where to go on, or undefined when the tag ended inside it. */
  private readAttribute(tag: StartTag, p: number, attributes: Setting[] | undefined): number | undefined {
    const text = this.text;
    const nameEnd = nameEndAt(text, p);
    let q = skipSpace(text, nameEnd);
    if (text.charCodeAt(q) !== EQ) {
      this.problem({ start: p, end: nameEnd }, `The attribute '${text.slice(p, nameEnd)}' has no value.`);
      return nameEnd;
    }
    q = skipSpace(text, q + 1);
    const qc = q < text.length ? text.charCodeAt(q) : -1;
    if (qc !== SQUOTE && qc !== DQUOTE) {
      if (qc < 0 || qc === GT || qc === LT || qc === SLASH) {
        this.problem({ start: p, end: nameEnd }, `The attribute '${text.slice(p, nameEnd)}' has no value.`);
        return q;
      }
      let tokenEnd = q;
      while (tokenEnd < text.length && !isSpace(text.charCodeAt(tokenEnd)) && !isTagEnd(text, tokenEnd)) tokenEnd++;
      this.problem({ start: q, end: tokenEnd }, `The value of '${text.slice(p, nameEnd)}' must be in quotes.`);
      return tokenEnd;
    }
    const quote: Quote = qc === SQUOTE ? "'" : '"';
    const close = (qc === SQUOTE ? this.nextSingle : this.nextDouble).next(q + 1);
    const lt = this.nextLt.next(q + 1);
    if (close < lt) {
      this.record(tag, p, nameEnd, q + 1, close, quote, attributes);
      tag.insertAt = close + 1;
      const after = close + 1 < text.length ? text.charCodeAt(close + 1) : -1;
      if (isNameStart(after)) this.problem({ start: close + 1, end: close + 1 + codePointLength(text, close + 1) }, 'Attributes must be separated by whitespace.');
      return close + 1;
    }
    this.recoverUnclosedValue(tag, p, nameEnd, q, lt, quote, attributes);
    return undefined;
  }

  /**
   * A value whose closing quote is missing (or comes only after another `<`): take the rest of
   * the line as the value; a `>` or `/>` at its end still closes the tag.
   */
  private recoverUnclosedValue(tag: StartTag, nameStart: number, nameEnd: number, q: number, lt: number, quote: Quote, attributes: Setting[] | undefined): void {
    const text = this.text;
    let lineEnd = q + 1;
    while (lineEnd < lt && text.charCodeAt(lineEnd) !== LF && text.charCodeAt(lineEnd) !== CR) lineEnd++;
    let gt = trimSpaceBefore(text, lineEnd, q + 1) - 1;
    if (gt <= q || text.charCodeAt(gt) !== GT) gt = -1;
    const selfClosing = gt > q + 1 && text.charCodeAt(gt - 1) === SLASH;
    const valueEnd = gt < 0 ? trimSpaceBefore(text, lineEnd, q + 1) : selfClosing ? gt - 1 : gt;
    this.record(tag, nameStart, nameEnd, q + 1, valueEnd, quote, attributes);
    // New attributes go before this one: anything written after it would be read as part of its
    // value, or its quote would close the open one.
    tag.insertAt = trimSpaceBefore(text, nameStart, tag.nameEnd);
    this.problem({ start: q, end: Math.max(valueEnd, q + 1) }, `The value of '${text.slice(nameStart, nameEnd)}' has no closing quote (${quote}).`);
    if (gt >= 0) {
      this.finish(tag, gt + 1, selfClosing);
    } else {
      tag.closed = false;
      tag.end = lineEnd;
    }
  }

  private record(tag: StartTag, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, quote: Quote, attributes: Setting[] | undefined): void {
    const text = this.text;
    tag.quote ??= quote;
    if (attributes || declaresNamespace(text, keyStart, keyEnd)) {
      const key = this.names.get(keyStart, keyEnd);
      const plain = plainUpTo(text, valueStart, valueEnd);
      const value = plain === valueEnd ? this.names.get(valueStart, valueEnd) : decodeValueFrom(text, valueStart, plain, valueEnd, this.problems);
      if (key === 'xmlns' || key.startsWith('xmlns:')) (tag.namespaces ??= new Map()).set(key.slice(6), value);
      if (!attributes) return;
      const keySpan = span(keyStart, keyEnd);
      if (this.isDuplicate(key, attributes)) {
        this.problem(keySpan, `The attribute '${key}' is given twice; the first one counts.`);
        return;
      }
      attributes[this.count++] = new XmlSetting(key, value, span(valueStart, valueEnd), keySpan);
    } else if (this.nextAmp.next(valueStart) < valueEnd) {
      // Not needed, but a broken reference is still an error of the document.
      decodeValue(text, valueStart, valueEnd, this.problems);
    }
  }

  /** Whether `key` was collected before in this tag; remembers it when it was not. */
  private isDuplicate(key: string, attributes: Setting[]): boolean {
    const count = this.count;
    if (count < LINEAR_KEYS) {
      for (let i = 0; i < count; i++) if (attributes[i].key === key) return true;
      return false;
    }
    const seen = this.seenKeys;
    if (seen.size === 0) for (let i = 0; i < count; i++) seen.add(attributes[i].key);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  }

  /** Text in a tag that is no attribute: one problem for the whole run. */
  private skipJunk(p: number): number {
    const text = this.text;
    const start = p;
    const c = text.charCodeAt(p);
    if (c === SQUOTE || c === DQUOTE) {
      const close = (c === SQUOTE ? this.nextSingle : this.nextDouble).next(p + 1);
      p = close < this.nextLt.next(p + 1) ? close + 1 : p + 1;
    } else {
      while (p < text.length && !isSpace(text.charCodeAt(p)) && !isTagEnd(text, p) && !isNameStart(text.charCodeAt(p)) && !isQuote(text.charCodeAt(p))) p++;
      p = Math.max(p, start + 1);
    }
    const shown = p - start > 40 ? `${text.slice(start, start + 40)}…` : text.slice(start, p);
    this.problem({ start, end: p }, `Unexpected text '${shown}' in a tag.`);
    return p;
  }

  private finish(tag: StartTag, end: number, selfClosing: boolean): void {
    tag.end = end;
    tag.selfClosing = selfClosing;
  }

  private notClosed(tag: StartTag, p: number): void {
    const name = this.text.slice(tag.start + 1, tag.nameEnd);
    this.problem({ start: tag.start, end: tag.nameEnd }, `The tag <${name}> is not closed: '>' or '/>' is missing.`);
    tag.closed = false;
    tag.end = trimSpaceBefore(this.text, p, tag.insertAt);
  }

  private problem(span: Span, message: string): void {
    this.problems.push({ span, message, severity: 'error' });
  }
}

/** An attribute, or an element that is a setting by being there (`<readonly/>`); made with `new`, see model.ts. */
export class XmlSetting implements Setting {
  readonly form = 'xml';
  constructor(
    public key: string,
    public value: string,
    public span: Span,
    public keySpan: Span,
  ) {}
}

/** Up to this many attributes, duplicates are found by comparing keys one by one. */
const LINEAR_KEYS = 16;

/** `xmlns` or `xmlns:…`, checked without making a string. */
function declaresNamespace(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (length === 5 || (length > 6 && text.charCodeAt(start + 5) === 58)) && text.startsWith('xmlns', start);
}

function isQuote(c: number): boolean {
  return c === SQUOTE || c === DQUOTE;
}

function isTagEnd(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return c === GT || c === LT || (c === SLASH && text.charCodeAt(p + 1) === GT);
}
