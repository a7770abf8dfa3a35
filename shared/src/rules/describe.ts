import type { Setting } from '../model';

/** A setting the way the user wrote it, for messages: `cache='none'`, `cache.direct=on`, `"direct": true`. */
export function describeSetting(s: Setting): string {
  if (s.form === 'xml') return s.span.start === s.keySpan.start ? `<${s.key}/>` : `${s.key}='${s.value}'`;
  if (s.form === 'json') return `"${s.key.split('.').pop()}": ${s.jsonType === 'string' ? JSON.stringify(s.value) : s.value}`;
  return `${s.key}=${s.value}`;
}
