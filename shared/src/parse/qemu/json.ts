/**
 * A small JSON parser that keeps the position of every key and value, for the JSON forms of
 * `-blockdev` and `-device`. It never throws: on the first error it stops, reports where, and
 * returns what it had read so far (objects missing their `}` have `close === -1`).
 * Positions are indices into the parsed string.
 */

import { codePointLength } from '../codePoint';

interface Positioned {
  start: number;
  end: number;
}

export interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonValue;
}

export interface JsonObject extends Positioned {
  type: 'object';
  members: JsonMember[];
  /** Index of the closing `}`; -1 when the text ended or broke first. */
  close: number;
}

export interface JsonArray extends Positioned {
  type: 'array';
  items: JsonValue[];
}

export interface JsonScalar extends Positioned {
  type: 'string' | 'number' | 'boolean' | 'null';
  /** Decoded string, or the literal as written for numbers, booleans and null. */
  value: string;
}

export type JsonValue = JsonObject | JsonArray | JsonScalar;

export interface JsonError extends Positioned {
  message: string;
}

export interface JsonParseResult {
  value: JsonValue | null;
  error: JsonError | null;
}

const MAX_DEPTH = 128;

export function parseJson(text: string): JsonParseResult {
  const parser = new JsonParser(text);
  const value = parser.parseDocument();
  return { value, error: parser.error };
}

class JsonParser {
  error: JsonError | null = null;
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue | null {
    this.skipSpace();
    const value = this.parseValue();
    if (this.error) return value;
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(this.pos, this.text.length, 'unexpected text after the JSON value');
    return value;
  }

  private fail(start: number, end: number, message: string): void {
    if (!this.error) this.error = { start, end: Math.max(end, start), message };
  }

  /** Fails at the current character (or at the end of the text). */
  private failHere(message: string): void {
    const at = this.pos;
    this.fail(at, Math.min(at + codePointLength(this.text, at), this.text.length), message);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private parseValue(): JsonValue | null {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return this.parseObject();
    if (c === 91) return this.parseArray();
    if (c === 34) return this.parseString();
    if (c === 45 || (c >= 48 && c <= 57)) return this.parseNumber();
    for (const literal of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(literal, this.pos)) {
        const start = this.pos;
        this.pos += literal.length;
        return { type: literal === 'null' ? 'null' : 'boolean', start, end: this.pos, value: literal };
      }
    }
    this.failHere(this.pos >= this.text.length ? 'expected a JSON value, found the end' : 'expected a JSON value');
    return null;
  }

  private enter(): boolean {
    if (++this.depth <= MAX_DEPTH) return true;
    this.failHere('JSON nested too deeply');
    return false;
  }

  private parseObject(): JsonObject {
    const obj: JsonObject = { type: 'object', start: this.pos, end: this.pos + 1, members: [], close: -1 };
    this.pos++;
    if (!this.enter()) return obj;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      obj.close = this.pos;
    } else {
      for (;;) {
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== 34) {
          this.failHere('expected a quoted key');
          break;
        }
        const key = this.parseString();
        if (this.error) break;
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== 58) {
          this.failHere(`expected ':' after "${key.value}"`);
          break;
        }
        this.pos++;
        this.skipSpace();
        const value = this.parseValue();
        if (value) obj.members.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
        if (this.error) break;
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        if (c === 44) {
          this.pos++;
          continue;
        }
        if (c === 125) {
          obj.close = this.pos;
          break;
        }
        this.failHere("expected ',' or '}'");
        break;
      }
    }
    this.depth--;
    if (obj.close >= 0) this.pos = obj.close + 1;
    obj.end = this.pos;
    return obj;
  }

  private parseArray(): JsonArray {
    const arr: JsonArray = { type: 'array', start: this.pos, end: this.pos + 1, items: [] };
    this.pos++;
    if (!this.enter()) return arr;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        const item = this.parseValue();
        if (item) arr.items.push(item);
        if (this.error) break;
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        if (c === 44) {
          this.pos++;
          continue;
        }
        if (c === 93) {
          this.pos++;
          break;
        }
        this.failHere("expected ',' or ']'");
        break;
      }
    }
    this.depth--;
    arr.end = this.pos;
    return arr;
  }

  private parseString(): JsonScalar {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    // Most strings have no escapes: take them as one slice.
    while (p < t.length) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return { type: 'string', start, end: this.pos, value: t.slice(start + 1, p) };
      }
      if (c === 92 || c < 32) break;
      p++;
    }
    let run = start + 1;
    const parts: string[] = [];
    for (;;) {
      if (p >= t.length) {
        this.fail(start, t.length, 'unterminated JSON string');
        break;
      }
      const c = t.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) {
        // A CR LF is one line break: cover both, so the range does not end between them.
        const width = c === 13 && t.charCodeAt(p + 1) === 10 ? 2 : 1;
        this.fail(p, p + width, 'control character inside a JSON string');
        break;
      }
      if (c !== 92) {
        p++;
        continue;
      }
      parts.push(t.slice(run, p));
      const e = t[p + 1];
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) {
        parts.push(simple);
        p += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
        parts.push(String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16)));
        p += 6;
      } else {
        // The escaped character whole: an emoji is two code units.
        const end = p + 1 < t.length ? p + 1 + codePointLength(t, p + 1) : p + 1;
        this.fail(p, Math.min(end, t.length), 'invalid escape in a JSON string');
        break;
      }
      run = p;
    }
    parts.push(t.slice(run, p));
    this.pos = this.error ? p : p + 1;
    return { type: 'string', start, end: this.pos, value: parts.join('') };
  }

  private parseNumber(): JsonScalar {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 45) p++;
    const intStart = p;
    p = digitsEnd(t, p);
    const intOk = p > intStart && !(t.charCodeAt(intStart) === 48 && p - intStart > 1);
    let ok = intOk;
    if (ok && t.charCodeAt(p) === 46) {
      const fracStart = ++p;
      p = digitsEnd(t, p);
      ok = p > fracStart;
    }
    if (ok && (t.charCodeAt(p) === 101 || t.charCodeAt(p) === 69)) {
      p++;
      if (t.charCodeAt(p) === 43 || t.charCodeAt(p) === 45) p++;
      const expStart = p;
      p = digitsEnd(t, p);
      ok = p > expStart;
    }
    if (!ok) this.fail(start, Math.max(p, start + 1), 'invalid JSON number');
    this.pos = p;
    return { type: 'number', start, end: p, value: t.slice(start, p) };
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function digitsEnd(t: string, p: number): number {
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c < 48 || c > 57) break;
    p++;
  }
  return p;
}
