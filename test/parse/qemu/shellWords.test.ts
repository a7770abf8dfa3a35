import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetOf } from '../../../shared/src/text/mapped';
import { spanOf } from '../../../shared/src/text/mapped';
import { lexShell, type ShellWord } from '../../../shared/src/parse/qemu/shellWords';
import { slice } from './helpers';

const SHELL = { continuationInSingleQuotes: false };
const ARGS = { continuationInSingleQuotes: true };

function words(text: string, opts = SHELL): string[][] {
  return lexShell(text, opts).commands.map((c) => c.map((w) => w.text));
}

function flat(text: string, opts = SHELL): ShellWord[] {
  return lexShell(text, opts).commands.flat();
}

describe('shell words', () => {
  it('decodes single quotes, double quotes and backslash escapes', () => {
    const text = `a 'b c' "d\\"e\\\\f\\x" g\\ h ''`;
    expect(words(text)).toEqual([['a', 'b c', 'd"e\\f\\x', 'g h', '']]);
    const [, quoted, dq, escaped, empty] = flat(text);
    expect(slice(text, spanOf(quoted))).toBe('b c');
    expect(slice(text, quoted.span)).toBe(`'b c'`);
    expect(slice(text, spanOf(dq))).toBe('d\\"e\\\\f\\x');
    expect(slice(text, spanOf(dq, 1, 2))).toBe('\\"');
    expect(slice(text, spanOf(escaped, 2, 3))).toBe('h');
    expect(spanOf(empty)).toEqual({ start: text.length - 1, end: text.length - 1 });
  });

  it('keeps a word made of one quoted run verbatim (no offset map)', () => {
    const [w] = flat(`'file=a b,cache=none'`);
    expect(w.map).toBeUndefined();
    expect(w.start).toBe(1);
  });

  it('joins backslash-newline continuations with LF and CRLF, inside and between words', () => {
    for (const nl of ['\n', '\r\n']) {
      const text = `qemu \\${nl}  -drive file=x\\${nl},cache=none \\${nl}-S`;
      expect(words(text)).toEqual([['qemu', '-drive', 'file=x,cache=none', '-S']]);
      const w = flat(text)[2];
      const at = w.text.indexOf('cache');
      expect(slice(text, spanOf(w, at, w.text.length))).toBe('cache=none');
      expect(slice(text, spanOf(w, 0, 6))).toBe('file=x');
    }
  });

  it('ends commands at newlines, ;, &&, ||, |, & and keeps CR out of words', () => {
    expect(words('a; b && c || d | e & f\r\ng |& h')).toEqual([['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h']]);
  });

  it('collects comments only at word starts, without the # and the line end', () => {
    const text = '# vmdisk-disable-next-line native-aio-needs-direct\r\nqemu file=a#b # tail\n#';
    const lexed = lexShell(text, SHELL);
    expect(lexed.comments.map((c) => c.text)).toEqual([' vmdisk-disable-next-line native-aio-needs-direct', ' tail', '']);
    expect(lexed.comments.map((c) => slice(text, c.span))).toEqual(['# vmdisk-disable-next-line native-aio-needs-direct', '# tail', '#']);
    expect(lexed.commands.map((c) => c.map((w) => w.text))).toEqual([['qemu', 'file=a#b']]);
  });

  it('separates words by tabs and maps non-ASCII and astral characters by UTF-16 offsets', () => {
    const text = "\tqemu\t-drive\t'file=/var/lib/images/ünïcode-😀.qcow2',cache=none";
    const w = flat(text)[2];
    expect(w.text).toBe('file=/var/lib/images/ünïcode-😀.qcow2,cache=none');
    const path = w.text.indexOf('/');
    const end = w.text.indexOf(',');
    expect(slice(text, spanOf(w, path, end))).toBe('/var/lib/images/ünïcode-😀.qcow2');
    expect(slice(text, spanOf(w, end + 1, w.text.length))).toBe('cache=none');
  });

  it('marks leading VAR=value assignments', () => {
    const ws = flat(`A=1 B_2='x y' qemu C=3 'D=4'`);
    expect(ws.map((w) => w.assignment)).toEqual([true, true, false, true, false]);
    expect(ws[1].text).toBe('B_2=x y');
  });

  it('keeps $VAR, ${X}, $(…) and backquotes as literal text of one word', () => {
    expect(words('echo $HOME ${X:-a b} $(ls "a b" | wc) `c d` "x$(e f)y" $')).toEqual([
      ['echo', '$HOME', '${X:-a b}', '$(ls "a b" | wc)', '`c d`', 'x$(e f)y', '$'],
    ]);
  });

  it('notes where the shell would expand: $NAME, $1, $@, ${…}, $(…) and backquotes, bare or in double quotes, never in single quotes', () => {
    const text = 'a=$AIO "b=${X:-n,m}" c=$(f x) \'d=$NO\' e=`g` h=$1$@ i=$ j=$,';
    const expanded = lexShell(text, SHELL).expansions.map((s) => slice(text, s));
    expect(expanded).toEqual(['$AIO', '${X:-n,m}', '$(f x)', '`g`', '$1', '$@']);
    // An escaped $ is text.
    expect(lexShell('x=\\$A', SHELL).expansions).toEqual([]);
  });

  it('drops redirections with their targets', () => {
    expect(words('qemu -S 2>&1 >log </dev/null &>>all 3< in')).toEqual([['qemu', '-S']]);
  });

  it('skips here-document bodies', () => {
    const text = "cat <<EOF >run.sh\nqemu-system-x86_64 -hda x\nEOF\ncat <<-'END'\n\tbody\n\tEND\nqemu-kvm -hda y";
    expect(words(text)).toEqual([['cat'], ['cat'], ['qemu-kvm', '-hda', 'y']]);
  });

  it('reports an unterminated quote and resumes on the next line', () => {
    const text = "a 'b c\nd e";
    const lexed = lexShell(text, SHELL);
    expect(lexed.commands.map((c) => c.map((w) => w.text))).toEqual([['a', 'b c'], ['d', 'e']]);
    expect(lexed.problems).toHaveLength(1);
    expect(slice(text, lexed.problems[0].span)).toBe("'b c");
    expect(lexed.problems[0].message).toMatch(/unterminated single quote/);
    const dq = lexShell('x "abc', SHELL);
    expect(dq.problems[0].message).toMatch(/double quote/);
    expect(dq.commands[0][1].text).toBe('abc');
  });

  it('removes continuations inside single quotes only for .args files (libvirt wraps JSON)', () => {
    const text = `'{"a":\\\n1}'`;
    expect(flat(text, ARGS)[0].text).toBe('{"a":1}');
    expect(flat(text, SHELL)[0].text).toBe('{"a":\\\n1}');
  });

  it('treats a trailing backslash at the end of the text as a literal', () => {
    expect(words('a\\')).toEqual([['a\\']]);
  });

  it('maps every decoded character back to itself or to its escaping backslash (property)', () => {
    const alphabet = fc.constantFrom('a', 'é', '😀', ' ', '\t', '\n', '\r\n', "'", '"', '\\', '#', '$', '(', ')', ';', '|', '&', '<', '>', '`', '{', '}', '=', ',');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.boolean(), (parts, argsMode) => {
        const text = parts.join('');
        const lexed = lexShell(text, argsMode ? ARGS : SHELL);
        for (const w of lexed.commands.flat()) {
          expect(w.span.start).toBeLessThanOrEqual(w.span.end);
          let previous = -1;
          for (let i = 0; i < w.text.length; i++) {
            const o = offsetOf(w, i);
            expect(o).toBeGreaterThan(previous);
            previous = o;
            const direct = text[o] === w.text[i];
            const escaped = text[o] === '\\' && text[o + 1] === w.text[i];
            expect(direct || escaped).toBe(true);
            expect([w.text[i], `\\${w.text[i]}`]).toContain(slice(text, spanOf(w, i, i + 1)));
          }
        }
        for (const p of lexed.problems) expect(p.span.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });
});
