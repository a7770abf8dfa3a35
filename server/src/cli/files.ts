/** Which files `vmdisk lint` reads, and as what language. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { LanguageId } from '../../../shared/src/analyze';

const LANGUAGE_BY_EXTENSION: Record<string, LanguageId> = {
  '.xml': 'xml',
  '.args': 'qemu-cmdline',
  '.qemu': 'qemu-cmdline',
  '.sh': 'shellscript',
};

export function languageOfPath(path: string): LanguageId | undefined {
  return LANGUAGE_BY_EXTENSION[extname(path).toLowerCase()];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface LintTarget {
  path: string;
  languageId: LanguageId;
}

/** Files named on the command line are linted whatever their extension; folders contribute the known ones, sorted. */
export function collectTargets(paths: readonly string[]): { targets: LintTarget[]; errors: string[] } {
  const targets: LintTarget[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (e) {
      errors.push(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      continue;
    }
    if (isDirectory) walk(path, targets, errors);
    else targets.push({ path, languageId: languageOfPath(path) ?? 'qemu-cmdline' });
  }
  return { targets, errors };
}

function walk(dir: string, targets: LintTarget[], errors: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    errors.push(`${dir}: ${(e as Error).message}`);
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, targets, errors);
    } else if (entry.isFile()) {
      const languageId = languageOfPath(path);
      if (languageId) targets.push({ path, languageId });
    }
  }
}
