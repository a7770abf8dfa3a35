import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, RULES } from '../../shared/src/rules';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

describe('rule documentation', () => {
  it('every code has a page and every page a code', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...ALL_CODES].sort());
  });
  it('each page states the default severity the rule really has, and the index lists every rule', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const rule of RULES) {
      const page = readFileSync(join(DOCS, `${rule.code}.md`), 'utf8');
      expect(page.startsWith(`# ${rule.code}\n`)).toBe(true);
      expect(page).toMatch(new RegExp(`\\*\\*Default severity:\\*\\* [^\\n]*${rule.defaultSeverity}`));
      expect(page).toContain(rule.hasFix ? '**Fix:** yes' : '**Fix:** no');
      expect(index).toContain(`[${rule.code}](${rule.code}.md)`);
    }
  });
});
