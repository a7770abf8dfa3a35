import { copyOnReadReadonly } from './copyOnReadReadonly';
import { detectZeroesUnmapNeedsDiscard } from './detectZeroesUnmapNeedsDiscard';
import { directIoUnsupported } from './directIoUnsupported';
import { invalidValue } from './invalidValue';
import { ioUringNeedsNewerVersion } from './ioUringNeedsNewerVersion';
import { migrationUnsafeCache } from './migrationUnsafeCache';
import { migrationUnsupportedFormat } from './migrationUnsupportedFormat';
import { nativeAioNeedsDirect } from './nativeAioNeedsDirect';
import { shareableUnsupportedFormat } from './shareableUnsupportedFormat';
import type { Rule } from './types';
import { unsafeCacheInProduction } from './unsafeCacheInProduction';

export const RULES: readonly Rule[] = [
  invalidValue,
  nativeAioNeedsDirect,
  unsafeCacheInProduction,
  migrationUnsafeCache,
  migrationUnsupportedFormat,
  shareableUnsupportedFormat,
  detectZeroesUnmapNeedsDiscard,
  copyOnReadReadonly,
  ioUringNeedsNewerVersion,
  directIoUnsupported,
];

/** Problems of the text itself (half-typed tags, bad JSON, unknown drive ids) carry this code. */
export const SYNTAX_CODE = 'syntax-error';

/** Every code a diagnostic can carry, for docs, SARIF and settings validation. */
export const ALL_CODES: readonly string[] = [SYNTAX_CODE, ...RULES.map((r) => r.code)];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}

export const DOCS_BASE_URL = 'https://github.com/vmdisk/vmdisk/blob/main/docs/rules/';

export function docUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
