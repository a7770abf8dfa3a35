/**
 * The last analysis of each open document, for its version and the current settings and probe
 * results. Hover, code actions, lenses and symbols reuse it; a document is only re-analysed when
 * its text, its settings or the probe results changed.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis, type AnalyzeOptions } from '../../../shared/src/analyze';
import { analysisLanguage } from './languages';
import type { SettingsSource } from './settings';
import type { StorageFactsStore } from './storage';

export interface Analysed {
  version: number;
  analysis: Analysis;
  options: AnalyzeOptions;
}

interface Entry extends Analysed {
  generation: number;
}

export class Analyses {
  private readonly entries = new Map<string, Entry>();
  /** Bumped when settings or probe results change: every cached analysis is then out of date. */
  private generation = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsSource,
    private readonly storage: StorageFactsStore,
  ) {}

  invalidateAll(): void {
    this.generation++;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** The analysis of the document's current text; undefined when it is not open or not ours. */
  async current(uri: string): Promise<Analysed | undefined> {
    for (;;) {
      const doc = this.documents.get(uri);
      if (!doc) return undefined;
      const cached = this.entries.get(uri);
      if (cached && cached.version === doc.version && cached.generation === this.generation) return cached;
      const generation = this.generation;
      const settings = await this.settings.get(uri);
      // Settings or probe results changed while we waited: start over with the new ones.
      if (generation !== this.generation) continue;
      const now = this.documents.get(uri);
      if (!now) return undefined;
      const options = this.optionsFor(now, settings);
      if (!options) return undefined;
      const entry: Entry = { version: now.version, analysis: analyzeText(now.getText(), options), options, generation };
      this.entries.set(uri, entry);
      return entry;
    }
  }

  private optionsFor(doc: TextDocument, settings: AnalyzeOptions['settings']): AnalyzeOptions | undefined {
    const languageId = analysisLanguage(doc.languageId, doc.uri);
    if (!languageId) return undefined;
    return { uri: doc.uri, languageId, settings, storage: this.storage.lookupFor(doc.uri) };
  }
}
