/**
 * Text edits that change a disk setting in whichever syntax it is written, keeping the text valid:
 * XML attributes keep their quote style and escape entities, key=value doubles commas, JSON stays JSON.
 */
import type { Disk, OptionGroup, Setting } from '../model';
import type { Edit } from './types';

type Value = string | boolean;

/** Whether `s` holds a character an XML attribute value in `quote`s must escape. */
function needsXmlEscape(s: string, quote: string): boolean {
  const q = quote === '"' ? 34 : 39;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 /* & */ || c === 60 /* < */ || c === q) return true;
  }
  return false;
}

function xmlEscape(s: string, quote: string): string {
  // Mode words and on/off need nothing: skip the three regular expressions.
  if (!needsXmlEscape(s, quote)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');
}

function spell(form: Setting['form'], value: Value, quote = "'"): string {
  if (form === 'json') return typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  const word = typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
  return form === 'xml' ? xmlEscape(word, quote) : word.replace(/,/g, ',,');
}

/** Replace the value of an existing setting. */
export function replaceValue(setting: Setting, value: Value): Edit {
  // A JSON string must stay a string, a JSON boolean a boolean.
  const v = setting.form === 'json' && setting.jsonType === 'string' && typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
  // `cache` alone is `cache=on` (`nocache` is `cache=off`): its text is the key, which must stay.
  if (setting.bare) return { span: setting.keySpan, newText: `${setting.key}=${spell('keyval', v)}` };
  return { span: setting.span, newText: spell(setting.form, v) };
}

/** Add a setting to a group; `key` may be dotted (`cache.direct`) for JSON nesting. */
export function addSetting(group: OptionGroup, key: string, value: Value): Edit {
  if (group.form === 'xml') {
    const q = group.quote ?? "'";
    return { span: { start: group.insertAt, end: group.insertAt }, newText: ` ${key}=${q}${spell('xml', value, q)}${q}` };
  }
  if (group.form === 'keyval') {
    return { span: { start: group.insertAt, end: group.insertAt }, newText: `,${key}=${spell('keyval', value)}` };
  }
  const [head, ...rest] = key.split('.');
  const child = rest.length > 0 ? group.children?.[head] : undefined;
  if (child) return addSetting(child, rest.join('.'), value);
  const empty = group.settings.length === 0 && Object.keys(group.children ?? {}).length === 0;
  const body = rest.length > 0 ? `{${jsonMember(rest.join('.'), value)}}` : spell('json', value);
  return { span: { start: group.insertAt, end: group.insertAt }, newText: `${empty ? '' : ','}"${head}":${body}` };
}

function jsonMember(key: string, value: Value): string {
  const [head, ...rest] = key.split('.');
  return `"${head}":${rest.length > 0 ? `{${jsonMember(rest.join('.'), value)}}` : spell('json', value)}`;
}

/** Set `key` on a disk's driver settings: replace when present, else add to the right group. */
export function setDriverOption(disk: Disk, existing: Setting | null, key: string, value: Value, text: string): Edit | undefined {
  if (existing) return replaceValue(existing, value);
  if (disk.groups.driver) return addSetting(disk.groups.driver, key, value);
  if (disk.syntax === 'libvirt-xml' && disk.groups.disk) return insertDriverElement(disk.groups.disk, `${key}=${disk.groups.disk.quote ?? "'"}${spell('xml', value)}${disk.groups.disk.quote ?? "'"}`, text);
  return undefined;
}

/** A `<disk>` without `<driver>` gets one right after its start tag, indented like the next line. */
function insertDriverElement(diskTag: OptionGroup, attribute: string, text: string): Edit {
  const at = diskTag.span.end;
  const lineStart = text.lastIndexOf('\n', diskTag.span.start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, diskTag.span.start))?.[0] ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const q = diskTag.quote ?? "'";
  return { span: { start: at, end: at }, newText: `${eol}${indent}  <driver name=${q}qemu${q} ${attribute}/>` };
}

/** Remove a setting together with its separator (XML attribute with its leading space, `,key=value`). */
export function removeSetting(setting: Setting, text: string): Edit {
  if (setting.form === 'xml' && setting.span.start === setting.keySpan.start && setting.span.end === setting.keySpan.end) {
    // An empty element such as <shareable/>: remove the whole element and its line when alone on it.
    const open = text.lastIndexOf('<', setting.keySpan.start);
    const close = text.indexOf('>', setting.keySpan.end);
    return wholeLine({ start: open, end: close + 1 }, text);
  }
  if (setting.form === 'xml') {
    let start = setting.keySpan.start;
    while (start > 0 && /\s/.test(text[start - 1])) start--;
    return { span: { start, end: setting.span.end + 1 }, newText: '' };
  }
  if (setting.form === 'keyval') {
    const start = setting.keySpan.start;
    if (text[start - 1] === ',') return { span: { start: start - 1, end: setting.span.end }, newText: '' };
    const end = text[setting.span.end] === ',' ? setting.span.end + 1 : setting.span.end;
    return { span: { start, end }, newText: '' };
  }
  let start = setting.keySpan.start;
  let end = setting.span.end;
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] === ',') start = i;
  else {
    let j = end;
    while (j < text.length && /\s/.test(text[j])) j++;
    if (text[j] === ',') end = j + 1;
  }
  return { span: { start, end }, newText: '' };
}

function wholeLine(span: { start: number; end: number }, text: string): Edit {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const before = text.slice(lineStart, span.start);
  let lineEnd = text.indexOf('\n', span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const after = text.slice(span.end, lineEnd).replace(/\r$/, '');
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) return { span: { start: lineStart, end: Math.min(lineEnd + 1, text.length) }, newText: '' };
  return { span, newText: '' };
}
