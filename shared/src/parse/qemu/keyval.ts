import type { OptionGroup, Setting, SyntaxProblem } from '../../model';
import { endOf, offsetOf, sliceMapped, spanOf, type MappedText } from '../../text/mapped';

/**
 * QEMU's `key=value,key=value` option syntax, where `,,` stands for a literal comma.
 * Keys stay as written (dotted keys such as `file.aio` or `cache.direct` are not split).
 */

export interface KeyvalOptions {
  /** `-drive`, `-device`, … (the group's kind). */
  kind: string;
  /** Key a leading item without `=` is the value of (`driver` for `-device virtio-blk-pci,…`). */
  impliedKey?: string;
}

/** Keys whose empty value means something (`file=` is an empty drive). */
const EMPTY_ALLOWED = new Set(['file', 'filename']);

const COMMA = 44;
const EQUALS = 61;

export function parseKeyvalGroup(word: MappedText, options: KeyvalOptions, problems: SyntaxProblem[]): OptionGroup {
  const t = word.text;
  const len = t.length;
  const settings: Setting[] = [];
  let lastSeparator = -1;
  let i = 0;
  let first = true;
  while (i < len) {
    let j = i;
    while (j < len) {
      const c = t.charCodeAt(j);
      if (c === EQUALS || c === COMMA) break;
      j++;
    }
    const bare = j === len || t.charCodeAt(j) === COMMA;
    if (bare && first && options.impliedKey) {
      const end = valueEnd(t, i);
      const value = decodeCommas(word, i, end);
      const span = spanOf(value);
      settings.push({ key: options.impliedKey, value: value.text, span, keySpan: span, form: 'keyval' });
      lastSeparator = end;
      i = end + 1;
      first = false;
      continue;
    }
    first = false;
    if (bare) {
      if (j > i) {
        const keySpan = spanOf(word, i, j);
        const written = t.slice(i, j);
        if (options.kind === '-blockdev') {
          // -blockdev is read by keyval_parse (QEMU's util/keyval.c), which has no short forms.
          problems.push({ span: keySpan, message: `'${written}' needs '=' and a value: QEMU refuses to start ("Expected '=' after parameter '${written}'")`, severity: 'error' });
        } else {
          // The others by QemuOpts (util/qemu-option.c, get_opt_name_value), where a bare `name`
          // is the deprecated short form of `name=on`, and `noname` of `name=off`.
          const off = written.length > 2 && written.startsWith('no');
          settings.push({ key: off ? written.slice(2) : written, value: off ? 'off' : 'on', span: keySpan, keySpan, form: 'keyval', bare: true });
        }
      }
      lastSeparator = j;
      i = j + 1;
      continue;
    }
    const end = valueEnd(t, j + 1);
    const key = t.slice(i, j);
    const keySpan = j > i ? spanOf(word, i, j) : { start: offsetOf(word, i), end: offsetOf(word, i) };
    const value = decodeCommas(word, j + 1, end);
    const span = spanOf(value);
    if (key === '') {
      problems.push({ span: { start: keySpan.start, end: span.end }, message: "missing option name before '='", severity: 'error' });
    } else {
      if (value.text === '' && !EMPTY_ALLOWED.has(lastSegment(key))) {
        problems.push({ span: { start: keySpan.start, end: span.end }, message: `missing value for '${key}'`, severity: 'error' });
      }
      settings.push({ key, value: value.text, span, keySpan, form: 'keyval' });
    }
    lastSeparator = end;
    i = end + 1;
  }
  const span = spanOf(word);
  // After a trailing separator comma, appending `,key=value` would form a `,,` escape.
  const insertAt = len > 0 && lastSeparator === len - 1 ? offsetOf(word, len - 1) : span.end;
  return { form: 'keyval', kind: options.kind, span, insertAt, settings };
}

/** Index of the comma ending a value that starts at `from` (`,,` pairs are skipped), or the length. */
function valueEnd(t: string, from: number): number {
  let k = from;
  while (k < t.length) {
    if (t.charCodeAt(k) === COMMA) {
      if (t.charCodeAt(k + 1) !== COMMA) break;
      k += 2;
    } else k++;
  }
  return k;
}

/** `word.text[from, to)` with `,,` turned into `,`, each character still mapped to the document. */
function decodeCommas(word: MappedText, from: number, to: number): MappedText {
  const t = word.text;
  const firstPair = t.indexOf(',,', from);
  if (firstPair < 0 || firstPair >= to) return sliceMapped(word, from, to);
  const parts: string[] = [];
  const map: number[] = [];
  const ends: number[] = [];
  let run = from;
  for (let k = from; k < to; k++) {
    if (t.charCodeAt(k) !== COMMA) continue;
    parts.push(t.slice(run, k + 1));
    for (let m = run; m < k; m++) {
      map.push(offsetOf(word, m));
      ends.push(endOf(word, m));
    }
    // One decoded comma for the pair.
    map.push(offsetOf(word, k));
    ends.push(endOf(word, k + 1));
    k++;
    run = k + 1;
  }
  parts.push(t.slice(run, to));
  for (let m = run; m < to; m++) {
    map.push(offsetOf(word, m));
    ends.push(endOf(word, m));
  }
  map.push(ends[ends.length - 1]);
  return { text: parts.join(''), start: map[0], map, ends };
}

function lastSegment(key: string): string {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? key : key.slice(dot + 1);
}
