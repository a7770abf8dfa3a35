/**
 * A small, tolerant XML scanner: it jumps from `<` to `<` with indexOf, reads tag names, keeps
 * the stack of open elements, and reports elements opening and closing to a visitor, which
 * decides per start tag whether its attributes are worth collecting. No tree is built and text
 * content is never looked at, so the large parts of a domain XML that do not matter cost little.
 *
 * Broken nesting is repaired the way an editor user means it: an end tag closes the nearest open
 * element of its name (the ones above it are reported as not closed), a stray end tag is
 * reported and ignored, and the end of the text closes whatever is still open.
 */
import type { Comment, SyntaxProblem } from '../../model';
import { BANG, GT, QUESTION, SLASH, isNameStart, nameEndAt, skipSpace, trimSpaceBefore } from './chars';
import { skipDeclaration, skipProcessingInstruction } from './markup';
import { NameTable } from './names';
import { StartTagReader, type StartTag } from './startTag';

export interface XmlElement<D> {
  /** The qualified name as written (`disk`, `qemu:commandline`). */
  name: string;
  /** Offset of `<`. */
  start: number;
  /** Offset just after the name in the start tag. */
  nameEnd: number;
  parent: XmlElement<D> | undefined;
  /** Namespace declarations made on this element (prefix '' for the default namespace). */
  namespaces: Map<string, string> | undefined;
  /** What the visitor keeps for this element. */
  data: D | undefined;
  /** Whether the visitor is told when it closes. */
  watched: boolean;
}

/**
 * What a visitor wants of an element: nothing (it is only kept on the stack, and not even that
 * when empty), its opening and closing, or those with its attributes.
 */
export type Interest = 'none' | 'events' | 'attributes';

export interface XmlVisitor<D> {
  /**
   * Asked at each start tag, before its attributes are read (namespace declarations always are).
   * An empty element is reported in an object reused for the next one: keep nothing of it but
   * what `open` and `close` read.
   */
  interest(name: string, parent: XmlElement<D> | undefined): Interest;
  open(element: XmlElement<D>, tag: StartTag): void;
  /** `end` is the offset after the element's end tag, or where it was taken to end. */
  close(element: XmlElement<D>, end: number): void;
}

export interface RepairRules {
  /** Elements that never contain themselves: a second start tag closes the first. */
  neverNest: ReadonlySet<string>;
  /** Elements whose start tag, when not closed, is still taken to open the element (others are taken as empty). */
  containers: ReadonlySet<string>;
}

export function scanXml<D>(text: string, visitor: XmlVisitor<D>, rules: RepairRules, comments: Comment[], problems: SyntaxProblem[]): void {
  const names = new NameTable(text);
  // A tag's own problems (its attributes) are kept apart from those of the structure, marked below.
  const tagProblems: SyntaxProblem[] = [];
  const structuralFrom = problems.length;
  const tags = new StartTagReader(text, tagProblems, names);
  const stack: XmlElement<D>[] = [];
  /**
   * The one object an empty element (`<driver …/>`) is reported in: it never goes on the stack,
   * and the visitor is done with it once told of its closing.
   */
  const emptyElement: XmlElement<D> = { name: '', start: 0, nameEnd: 0, parent: undefined, namespaces: undefined, data: undefined, watched: true };

  /** Closes the open elements above `depth`, reporting each as not closed. */
  const closeDownTo = (depth: number, end: number, reason: string): void => {
    while (stack.length > depth) {
      const element = stack.pop()!;
      problems.push({ span: { start: element.start, end: element.nameEnd }, message: `The element <${element.name}> is not closed ${reason}.`, severity: 'error' });
      if (element.watched) visitor.close(element, trimSpaceBefore(text, end, element.nameEnd));
    }
  };

  const startTag = (lt: number): number => {
    const nameEnd = nameEndAt(text, lt + 1);
    const name = names.get(lt + 1, nameEnd);
    if (rules.neverNest.has(name)) {
      const open = lastIndexOfName(stack, name);
      if (open >= 0) closeDownTo(open, lt, `before the next <${name}>`);
    }
    const parent = stack[stack.length - 1];
    const interest = visitor.interest(name, parent);
    const tag = tags.read(lt, nameEnd, interest === 'attributes');
    const empty = tag.selfClosing || (!tag.closed && !rules.containers.has(name));
    const watched = interest !== 'none';
    if (empty) {
      if (!watched) return tag.end;
      const element = emptyElement;
      element.name = name;
      element.start = lt;
      element.nameEnd = nameEnd;
      element.parent = parent;
      element.namespaces = tag.namespaces;
      element.data = undefined;
      visitor.open(element, tag);
      visitor.close(element, tag.end);
      element.parent = undefined;
      element.namespaces = undefined;
      element.data = undefined;
      return tag.end;
    }
    const element: XmlElement<D> = { name, start: lt, nameEnd, parent, namespaces: tag.namespaces, data: undefined, watched };
    if (watched) visitor.open(element, tag);
    stack.push(element);
    return tag.end;
  };

  const endTag = (lt: number): number => {
    const nameEnd = nameEndAt(text, lt + 2);
    if (nameEnd === lt + 2) {
      problems.push({ span: { start: lt, end: lt + 2 }, message: "'</' must be followed by the name of the element to close.", severity: 'error' });
      return lt + 2;
    }
    // Most end tags close the element on top of the stack: its name needs no lookup.
    const top = stack[stack.length - 1];
    const name = top !== undefined && top.name.length === nameEnd - lt - 2 && text.startsWith(top.name, lt + 2) ? top.name : names.get(lt + 2, nameEnd);
    const gt = skipSpace(text, nameEnd);
    const closed = gt < text.length && text.charCodeAt(gt) === GT;
    if (!closed) problems.push({ span: { start: lt, end: nameEnd }, message: `The end tag </${name}> is not closed: '>' is missing.`, severity: 'error' });
    const end = closed ? gt + 1 : nameEnd;
    const open = lastIndexOfName(stack, name);
    if (open < 0) {
      problems.push({ span: { start: lt + 2, end: nameEnd }, message: `Unexpected end tag </${name}>: no <${name}> is open here.`, severity: 'error' });
      return end;
    }
    closeDownTo(open + 1, lt, `before </${name}>`);
    const element = stack.pop()!;
    if (element.watched) visitor.close(element, end);
    return end;
  };

  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const c = lt + 1 < text.length ? text.charCodeAt(lt + 1) : -1;
    if (isNameStart(c)) i = startTag(lt);
    else if (c === SLASH) i = endTag(lt);
    else if (c === BANG) i = skipDeclaration(text, lt, comments, problems);
    else if (c === QUESTION) i = skipProcessingInstruction(text, lt, problems);
    else {
      problems.push({ span: { start: lt, end: lt + 1 }, message: "'<' must start a tag; write &lt; for a literal '<'.", severity: 'error' });
      i = lt + 1;
    }
  }
  closeDownTo(0, text.length, 'before the end of the text');
  for (let k = structuralFrom; k < problems.length; k++) problems[k].structural = true;
  for (const p of tagProblems) problems.push(p);
}

/**
 * How far down the stack an end tag looks for its element. Real documents nest a dozen deep;
 * the bound keeps a flood of stray end tags over deep nesting linear.
 */
const MAX_SEARCH_DEPTH = 256;

function lastIndexOfName<D>(stack: readonly XmlElement<D>[], name: string): number {
  const floor = Math.max(0, stack.length - MAX_SEARCH_DEPTH);
  for (let k = stack.length - 1; k >= floor; k--) if (stack[k].name === name) return k;
  return -1;
}
