import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, type JsonObject } from '../../../shared/src/parse/qemu/json';

describe('positioned JSON', () => {
  it('parses objects, arrays and scalars with their positions', () => {
    const text = ' {"a":"x\\"y\\u00e9","b":[1,-2.5e3,true,null],"c":{"d":false}} ';
    const { value, error } = parseJson(text);
    expect(error).toBeNull();
    const obj = value as JsonObject;
    expect(obj.members.map((m) => m.key)).toEqual(['a', 'b', 'c']);
    const a = obj.members[0];
    expect(a.value).toMatchObject({ type: 'string', value: 'x"yé' });
    expect(text.slice(a.keyStart, a.keyEnd)).toBe('"a"');
    expect(text.slice(a.value.start, a.value.end)).toBe('"x\\"y\\u00e9"');
    const b = obj.members[1].value;
    expect(b.type === 'array' && b.items.map((i) => i.type === 'array' || i.type === 'object' ? '' : i.value)).toEqual(['1', '-2.5e3', 'true', 'null']);
    expect(text[obj.close]).toBe('}');
    expect(obj.close).toBe(text.length - 2);
  });

  it('returns what it read and the error position for broken input', () => {
    const text = '{"driver":"qcow2","file":';
    const { value, error } = parseJson(text);
    expect((value as JsonObject).members.map((m) => m.key)).toEqual(['driver']);
    expect((value as JsonObject).close).toBe(-1);
    expect(error).toMatchObject({ start: text.length, end: text.length });
    expect(error?.message).toMatch(/expected a JSON value/);
  });

  it.each([
    ['{"a" 1}', "expected ':'", 5],
    ['{"a":1,}', 'quoted key', 7],
    ['{"a":tru}', 'JSON value', 5],
    ['{"a":01}', 'invalid JSON number', 5],
    ['{"a":"x\\q"}', 'invalid escape', 7],
    ['{"a":"x', 'unterminated', 5],
    ['{"a":1} x', 'after the JSON value', 8],
    ['[1 2]', "expected ',' or ']'", 3],
    ['{"a":"line\nbreak"}', 'control character', 10],
    ['-', 'invalid JSON number', 0],
  ])('reports %j at the right place', (text, message, at) => {
    const { error } = parseJson(text);
    expect(error?.message).toContain(message);
    expect(error?.start).toBe(at);
  });

  it('stops at a nesting limit instead of overflowing the stack', () => {
    const { error } = parseJson('['.repeat(100_000));
    expect(error?.message).toMatch(/nested too deeply/);
  });

  it('agrees with JSON.parse on valid documents and never throws on any input (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const { value, error } = parseJson(text);
        expect(error).toBeNull();
        expect(toPlain(value)).toEqual(JSON.parse(text));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const { error } = parseJson(text);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(error === null).toBe(valid);
      }),
    );
  });
});

function toPlain(v: ReturnType<typeof parseJson>['value']): unknown {
  if (!v) return undefined;
  switch (v.type) {
    case 'object':
      return Object.fromEntries(v.members.map((m) => [m.key, toPlain(m.value)]));
    case 'array':
      return v.items.map(toPlain);
    case 'string':
      return v.value;
    case 'number':
      return Number(v.value);
    case 'boolean':
      return v.value === 'true';
    case 'null':
      return null;
  }
}
