/**
 * The last analyses of the most recently used documents, for their version and the current
 * settings and probe results. Hover, code actions, lenses and symbols reuse them; an edit to a
 * document whose analysis is kept re-reads only the region it touched when it can. Only a few
 * are kept: an analysis holds a disk model many times the size of its text, and an editor
 * session has dozens of documents open but types in one.
 */
import { analyzeText, type Analysis, type AnalyzeOptions } from '../../../shared/src/analyze';
import { reanalyzeEdit } from '../../../shared/src/incremental';
import type { OpenDocument } from './openDocument';
import { WHOLE, type OpenDocuments } from './documents';
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

/** At most this many documents keep their analysis between requests… */
export const KEPT_ANALYSES = 2;

/**
 * …and those besides the one used last only while all their texts add up to at most this many
 * characters: an analysis holds about nine times the memory of its text (5.6 MB for a 2,000-disk
 * domain of 613 KB). Of two such documents one keeps its analysis, of two of the usual size both.
 */
export const KEPT_TEXT_LENGTH = 1024 * 1024;

export class Analyses {
  /** In order of use, least recent first. */
  private readonly entries = new Map<string, Entry>();
  /** Bumped when settings or probe results change: every cached analysis is then out of date. */
  private generation = 0;
  /** How many analyses were full and how many incremental (tests look at it). */
  readonly counts = { full: 0, incremental: 0 };

  constructor(
    private readonly documents: OpenDocuments,
    private readonly settings: SettingsSource,
    private readonly storage: StorageFactsStore,
    /** Told after each analysis: it made garbage (see idleCollector.ts). */
    private readonly analysed: () => void = () => {},
  ) {}

  invalidateAll(): void {
    this.generation++;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Whether the document's analysis is kept: its text is held by it anyway. */
  keeps(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** The analysis of the document's current text; undefined when it is not open or not ours. */
  async current(uri: string): Promise<Analysed | undefined> {
    for (;;) {
      const doc = this.documents.get(uri);
      if (!doc) return undefined;
      const cached = this.entries.get(uri);
      if (cached && cached.version === doc.version && cached.generation === this.generation) return this.use(uri, cached);
      const generation = this.generation;
      const settings = await this.settings.get(uri);
      // Settings or probe results changed while we waited: start over with the new ones.
      if (generation !== this.generation) continue;
      const now = this.documents.get(uri);
      if (!now) return undefined;
      const options = this.optionsFor(now, settings);
      if (!options) return undefined;
      const analysis = this.analyse(uri, now, options, generation);
      this.analysed();
      return this.use(uri, { version: now.version, analysis, options, generation });
    }
  }

  private analyse(uri: string, doc: OpenDocument, options: AnalyzeOptions, generation: number): Analysis {
    const change = this.documents.take(uri);
    const previous = this.entries.get(uri);
    // An edited text is joined into one string only when a full analysis needs one.
    const text = doc.units;
    if (previous && previous.generation === generation && change !== undefined && change !== WHOLE) {
      // The previous analysis is consumed either way: drop it before it can be served again.
      this.entries.delete(uri);
      // The document's line index is the analysis's too: one copy of it per keystroke, not two.
      const analysis = reanalyzeEdit(previous.analysis, change, text, options, doc.lines);
      if (analysis) {
        this.counts.incremental++;
        return analysis;
      }
    }
    this.counts.full++;
    return analyzeText(text.toString(), options);
  }

  private use(uri: string, entry: Entry): Entry {
    this.entries.delete(uri);
    this.entries.set(uri, entry);
    let length = 0;
    for (const kept of this.entries.values()) length += kept.analysis.units.length;
    // Least recently used first; the entry just used is last, and stays.
    for (const [old, kept] of this.entries) {
      if (this.entries.size === 1 || (this.entries.size <= KEPT_ANALYSES && length <= KEPT_TEXT_LENGTH)) break;
      this.entries.delete(old);
      length -= kept.analysis.units.length;
    }
    return entry;
  }

  private optionsFor(doc: OpenDocument, settings: AnalyzeOptions['settings']): AnalyzeOptions | undefined {
    const languageId = analysisLanguage(doc.languageId, doc.uri);
    if (!languageId) return undefined;
    return { uri: doc.uri, languageId, settings, storage: this.storage.lookupFor(doc.uri) };
  }
}
