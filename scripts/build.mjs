// One esbuild script for every bundle: the extension, the language server, the CLI and the core library.
import { readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['shared/src/index.ts'], outfile: 'dist/core.js' },
];

await Promise.all(entries.map((e) => build({ ...common, ...e })));

// esbuild escapes non-ASCII characters in code but copies some comments as they are. One '…' in a
// comment makes V8 keep the whole bundle as a two-byte string: 0.7 MB more for the language
// server. Each such UTF-16 unit becomes '?', so columns, and with them the source map, stay.
await Promise.all(
  entries.map(async ({ outfile }) => {
    const code = await readFile(outfile, 'utf8');
    if (/[^\x00-\x7f]/.test(code)) await writeFile(outfile, code.replace(/[^\x00-\x7f]/g, '?'));
  }),
);
