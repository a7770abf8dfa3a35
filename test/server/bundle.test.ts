import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertServerBuilt, ROOT } from './client';

describe('the built bundles', () => {
  it('are ASCII, so V8 keeps their source one byte per character (0.7 MB less for the server)', () => {
    assertServerBuilt();
    for (const bundle of ['server.js', 'cli.js', 'core.js', 'extension.js']) {
      const code = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
      expect(code.match(/[^\x00-\x7f].{0,40}/)?.[0], bundle).toBeUndefined();
    }
  });
});
