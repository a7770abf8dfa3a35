/** The strict TOML subset parser that checks the Helix snippet: what it reads, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { parseToml } from './toml';

describe('parseToml', () => {
  it('reads tables, arrays of tables, dotted and quoted keys, strings, arrays and inline tables', () => {
    const src = [
      '# comment',
      'top = 1',
      '[language-server.a]',
      'command = "a-ls" # trailing comment',
      'args = ["--stdio", \'lit\\eral\',]',
      'config.x.y = true',
      '',
      '[[language]]',
      'name = "l1"',
      'file-types = [',
      '  "a", # first',
      '  { glob = "b/*" },',
      ']',
      '[language.auto-pairs]',
      '\'(\' = \')\'',
      '"esc" = "tab\\there \\u00fc \\U0001F600 \\"q\\""',
      '[[language]]',
      'name = "l2"',
      'indent = { tab-width = 2, unit = "  " }',
      'n = -1_000',
      '',
    ].join('\r\n');
    expect(parseToml(src)).toEqual({
      top: 1,
      'language-server': { a: { command: 'a-ls', args: ['--stdio', 'lit\\eral'], config: { x: { y: true } } } },
      language: [
        { name: 'l1', 'file-types': ['a', { glob: 'b/*' }], 'auto-pairs': { '(': ')', esc: 'tab\there ü 😀 "q"' } },
        { name: 'l2', indent: { 'tab-width': 2, unit: '  ' }, n: -1000 },
      ],
    });
  });

  it.each([
    ['a duplicate key', 'a = 1\na = 2\n', 'line 2: key "a" is defined twice'],
    ['a table defined twice', '[t]\n[t]\n', 'line 2: table "t" is defined twice'],
    ['an unterminated string', 'a = "x\n', 'line 1: unterminated string'],
    ['a bad escape', 'a = "\\q"\n', 'line 1: bad escape "\\q"'],
    ['two values on a line', 'a = 1 b = 2\n', 'line 1: expected the end of the line'],
    ['a missing value', 'a =\n', 'line 1: expected a string, integer, boolean, array or inline table'],
    ['an unclosed array', 'a = [1, 2\nb = 3\n', 'line 2: expected "," or "]" in an array'],
    ['a key added to an inline table', 'a = { b = 1 }\na.c = 2\n', 'line 2: "a" is not a table'],
    ['a float (not in the subset)', 'a = 1.5\n', 'line 1: expected a string, integer, boolean, array or inline table'],
  ])('refuses %s', (_what, src, message) => {
    expect(() => parseToml(src)).toThrow(message);
  });
});
