/**
 * A strict parser for the part of TOML 1.0 that Helix's languages.toml files use, so the Helix
 * snippet of docs/editors.md can be checked without a new dependency: comments, `[table]` and
 * `[[array.of.tables]]` headers, dotted bare or "quoted" keys, basic and literal strings, integers,
 * booleans, arrays (across lines, trailing comma allowed) and inline tables. Anything else — and
 * duplicate keys or tables — is an error naming the line, never a guess.
 */

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Parser {
  private pos = 0;
  private readonly root: TomlTable = {};
  /** Tables a header defined; a second header for one is an error. */
  private readonly closed = new Set<TomlTable>();
  /** Inline tables are complete: nothing may be added to them later. */
  private readonly inline = new Set<TomlTable>();

  constructor(private readonly src: string) {}

  parse(): TomlTable {
    let current = this.root;
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= this.src.length) return this.root;
      if (this.peek() === '[') current = this.header();
      else this.keyValue(current);
      this.endOfLine();
    }
  }

  private header(): TomlTable {
    const isArray = this.src.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    this.skipSpaces();
    const keys = this.key();
    this.skipSpaces();
    this.expect(isArray ? ']]' : ']');
    const parent = this.walk(this.root, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    if (isArray) {
      const existing = parent[last] ?? (parent[last] = []);
      if (!Array.isArray(existing)) this.fail(`"${keys.join('.')}" is not an array of tables`);
      const table: TomlTable = {};
      existing.push(table);
      return table;
    }
    const existing = parent[last];
    if (existing !== undefined && (!isTable(existing) || this.closed.has(existing) || this.inline.has(existing))) this.fail(`table "${keys.join('.')}" is defined twice`);
    const table = existing ?? (parent[last] = {});
    this.closed.add(table);
    return table;
  }

  private keyValue(table: TomlTable): void {
    const keys = this.key();
    this.skipSpaces();
    this.expect('=');
    this.skipSpaces();
    const target = this.walk(table, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    if (last in target) this.fail(`key "${keys.join('.')}" is defined twice`);
    target[last] = this.value();
  }

  /** Descend through `keys`, creating tables; the last element of an array of tables counts. */
  private walk(table: TomlTable, keys: string[]): TomlTable {
    let t = table;
    for (const k of keys) {
      const next: TomlValue = t[k] ?? (t[k] = {});
      if (Array.isArray(next)) {
        const last = next[next.length - 1];
        if (!isTable(last)) this.fail(`"${k}" is an array, not a table`);
        t = last;
      } else if (isTable(next) && !this.inline.has(next)) t = next;
      else this.fail(`"${k}" is not a table`);
    }
    return t;
  }

  private key(): string[] {
    const parts = [this.simpleKey()];
    for (;;) {
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.pos++;
      this.skipSpaces();
      parts.push(this.simpleKey());
    }
  }

  private simpleKey(): string {
    const c = this.peek();
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    const start = this.pos;
    while (this.pos < this.src.length && BARE_KEY.test(this.src[this.pos])) this.pos++;
    if (this.pos === start) this.fail('expected a key');
    return this.src.slice(start, this.pos);
  }

  private value(): TomlValue {
    const c = this.peek();
    if (c === '"') {
      if (this.src.startsWith('"""', this.pos)) this.fail('multi-line strings are not supported');
      return this.basicString();
    }
    if (c === "'") {
      if (this.src.startsWith("'''", this.pos)) this.fail('multi-line strings are not supported');
      return this.literalString();
    }
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const word = /^(true|false|[+-]?(?:0|[1-9](?:_?[0-9])*))(?=[\s,\]}#]|$)/.exec(this.src.slice(this.pos));
    if (!word) this.fail('expected a string, integer, boolean, array or inline table');
    this.pos += word[1].length;
    if (word[1] === 'true' || word[1] === 'false') return word[1] === 'true';
    return Number(word[1].replace(/_/g, ''));
  }

  private array(): TomlValue[] {
    this.expect('[');
    const items: TomlValue[] = [];
    for (;;) {
      this.skipArrayGap();
      if (this.peek() === ']') break;
      items.push(this.value());
      this.skipArrayGap();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail('expected "," or "]" in an array');
    }
    this.pos++;
    return items;
  }

  private inlineTable(): TomlTable {
    this.expect('{');
    const table: TomlTable = {};
    this.skipSpaces();
    if (this.peek() === '}') {
      this.pos++;
      this.inline.add(table);
      return table;
    }
    for (;;) {
      this.skipSpaces();
      this.keyValue(table);
      this.skipSpaces();
      if (this.peek() === '}') break;
      this.expect(',');
    }
    this.pos++;
    this.inline.add(table);
    return table;
  }

  private basicString(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.pos++;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.src[this.pos++];
      const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
      if (e in simple) out += simple[e];
      else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + len);
        if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.fail('bad unicode escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        this.pos += len;
      } else this.fail(`bad escape "\\${e ?? ''}"`);
    }
  }

  private literalString(): string {
    this.expect("'");
    const end = this.src.indexOf("'", this.pos);
    const newline = this.src.indexOf('\n', this.pos);
    if (end < 0 || (newline >= 0 && newline < end)) this.fail('unterminated string');
    const s = this.src.slice(this.pos, end);
    this.pos = end + 1;
    return s;
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  private skipComment(): void {
    if (this.peek() !== '#') return;
    while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
  }

  /** Inside an array, newlines and comments may separate the items. */
  private skipArrayGap(): void {
    for (;;) {
      this.skipSpaces();
      this.skipComment();
      if (this.peek() === '\n') this.pos++;
      else if (this.src.startsWith('\r\n', this.pos)) this.pos += 2;
      else return;
    }
  }

  private skipBlankLines(): void {
    this.skipArrayGap();
  }

  private endOfLine(): void {
    this.skipSpaces();
    this.skipComment();
    if (this.pos >= this.src.length) return;
    if (this.src.startsWith('\r\n', this.pos)) this.pos += 2;
    else if (this.peek() === '\n') this.pos++;
    else this.fail('expected the end of the line');
  }

  private expect(token: string): void {
    if (!this.src.startsWith(token, this.pos)) this.fail(`expected "${token}"`);
    this.pos += token.length;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private fail(message: string): never {
    const line = this.src.slice(0, this.pos).split('\n').length;
    throw new TomlError(`line ${line}: ${message}`);
  }
}

function isTable(v: TomlValue | undefined): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseToml(src: string): TomlTable {
  return new Parser(src).parse();
}
