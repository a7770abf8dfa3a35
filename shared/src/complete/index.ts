/** Completion of disk option values and `<driver>` attributes at a cursor, in either syntax. */
import type { Span, Syntax } from '../model';
import { qemuSiteAt } from './qemuSite';
import type { CompletionSite } from './site';
import { DRIVER_ATTRIBUTES, valueChoices } from './values';
import { xmlSiteAt } from './xmlSite';

export interface CompletionChoice {
  label: string;
  /** One-line meaning. */
  detail: string;
  documentation?: string;
  kind: 'value' | 'attribute';
  /** Text replacing `span`. */
  insertText: string;
  /** The same as a snippet (`$1` where the cursor goes), for clients that take snippets. */
  snippet?: string;
  span: Span;
  /** Keeps the table's order in editors that sort by it. */
  sortText: string;
}

export function completionSiteAt(text: string, offset: number, syntax: Syntax): CompletionSite | undefined {
  return syntax === 'libvirt-xml' ? xmlSiteAt(text, offset) : qemuSiteAt(text, offset);
}

export function completionsAt(text: string, offset: number, syntax: Syntax): CompletionChoice[] {
  const site = completionSiteAt(text, offset, syntax);
  if (!site) return [];
  if (site.kind === 'attribute') {
    if (site.element !== 'driver') return [];
    const q = site.quote;
    return DRIVER_ATTRIBUTES.filter((a) => !site.present.includes(a.name)).map((a, i) => ({
      label: a.name,
      detail: a.meaning,
      kind: 'attribute',
      insertText: `${a.name}=${q}${q}`,
      snippet: `${a.name}=${q}$1${q}`,
      span: site.span,
      sortText: String(i).padStart(3, '0'),
    }));
  }
  // XML value completion is for `<driver>` attributes only.
  const choices = site.form === 'xml' && site.element !== 'driver' ? undefined : valueChoices(site.form, site.key);
  if (!choices) return [];
  const q = site.form === 'xml' ? site.quote : undefined;
  return choices.map((c, i) => ({
    label: c.value,
    detail: c.meaning,
    documentation: c.details,
    kind: 'value',
    insertText: q ? `${q}${c.value}${q}` : c.value,
    span: site.span,
    sortText: String(i).padStart(3, '0'),
  }));
}

