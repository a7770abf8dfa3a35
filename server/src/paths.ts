/** Where the installed package's files are, seen from the bundles in dist/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package root: dist/ bundles sit one level below it. */
export const PACKAGE_ROOT = join(__dirname, '..');

/** One URL per rule code: computed once, since every diagnostic carries one. */
const DOCS_URLS = new Map<string, string>();

export function docsUrl(code: string): string {
  let url = DOCS_URLS.get(code);
  if (url === undefined) {
    url = pathToFileURL(join(PACKAGE_ROOT, 'docs', 'rules', `${code}.md`)).href;
    DOCS_URLS.set(code, url);
  }
  return url;
}

export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
