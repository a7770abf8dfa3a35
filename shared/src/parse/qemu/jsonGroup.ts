import type { OptionGroup, Setting, SyntaxProblem } from '../../model';
import { offsetOf, spanOf, type MappedText } from '../../text/mapped';
import { type JsonObject, type JsonValue, parseJson } from './json';

/**
 * The JSON form of an option (`-blockdev '{"driver":"qcow2",…}'`) as an option group.
 * Every member becomes a setting keyed by its dotted path (`cache.direct`, array items as
 * `server.0.host`, as QEMU's dotted syntax spells them); each nested object also becomes a
 * child group whose settings are keyed relative to it, so a fix can insert into `"cache":{…}`.
 */
export function parseJsonGroup(word: MappedText, kind: string, problems: SyntaxProblem[]): OptionGroup {
  const { value, error } = parseJson(word.text);
  if (error) {
    problems.push({ span: spanOf(word, error.start, error.end), message: `invalid JSON: ${error.message}`, severity: 'error' });
  }
  // Callers pass text starting with `{`, so a value is always an object, if only a partial one.
  if (value?.type === 'object') {
    const group = groupOf(word, value, kind);
    if (error) markMalformed(group);
    return group;
  }
  const span = spanOf(word);
  return { form: 'json', kind, span, insertAt: span.end, settings: [], malformed: true };
}

function markMalformed(group: OptionGroup): void {
  group.malformed = true;
  for (const child of Object.values(group.children ?? {})) markMalformed(child);
}

function groupOf(word: MappedText, obj: JsonObject, kind: string): OptionGroup {
  const settings: Setting[] = [];
  flattenObject(word, obj, '', settings);
  const group: OptionGroup = {
    form: 'json',
    kind,
    span: spanOf(word, obj.start, obj.end),
    insertAt: offsetOf(word, obj.close >= 0 ? obj.close : obj.end),
    settings,
  };
  for (const member of obj.members) {
    if (member.value.type !== 'object') continue;
    // Assigning `__proto__` would replace the prototype, not add a child.
    if (member.key === '__proto__') continue;
    group.children ??= {};
    group.children[member.key] = groupOf(word, member.value, 'json-object');
  }
  return group;
}

function flattenObject(word: MappedText, obj: JsonObject, prefix: string, out: Setting[]): void {
  for (const member of obj.members) {
    const key = prefix + member.key;
    out.push(settingOf(word, key, spanOf(word, member.keyStart, member.keyEnd), member.value));
    flattenChildren(word, member.value, key, out);
  }
}

function flattenChildren(word: MappedText, value: JsonValue, key: string, out: Setting[]): void {
  if (value.type === 'object') flattenObject(word, value, `${key}.`, out);
  else if (value.type === 'array') {
    value.items.forEach((item, index) => {
      const itemKey = `${key}.${index}`;
      const span = spanOf(word, item.start, item.end);
      out.push(settingOf(word, itemKey, span, item));
      flattenChildren(word, item, itemKey, out);
    });
  }
}

function settingOf(word: MappedText, key: string, keySpan: Setting['keySpan'], value: JsonValue): Setting {
  const span = spanOf(word, value.start, value.end);
  const text = value.type === 'object' || value.type === 'array' ? word.text.slice(value.start, value.end) : value.value;
  return { key, value: text, span, keySpan, form: 'json', jsonType: value.type };
}
