/** The core as a library (`dist/core.js`): `analyze(text, {uri, languageId, settings})`. */
import { analyzeText, type AnalyzeOptions } from './analyze';
import { diagnosticReports, diskReports, type DiagnosticReport, type DiskReport } from './report';

export function analyze(text: string, options: AnalyzeOptions): { disks: DiskReport[]; diagnostics: DiagnosticReport[] } {
  const analysis = analyzeText(text, options);
  return { disks: diskReports(analysis), diagnostics: diagnosticReports(analysis) };
}

export { analyzeText } from './analyze';
export type { Analysis, AnalyzedDisk, AnalyzeOptions, LanguageId } from './analyze';
export { effectiveCache } from './effectiveCache';
export type { EffectiveCache } from './effectiveCache';
export { AIO_MODES, CACHE_MODES } from './modes';
export { RULES, ALL_CODES } from './rules';
export { DEFAULT_SETTINGS, SETTINGS_SCHEMA, resolveSettings } from './settings';
export type { Settings } from './settings';
export type { DiagnosticReport, DiskReport } from './report';
