// Builds what the in-editor tests install or load: the product .vsix (as `npm run package` does),
// the suite for @vscode/test-electron, and the runner extension (.vsix) that runs the same suite
// inside code-server.
import { createVSIX } from '@vscode/vsce';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');

const BUNDLE = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' };

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build`'s script when a bundle is missing or older than the sources, so a bare `vitest run` tests current code. */
export function ensureBuilt() {
  const bundles = ['dist/extension.js', 'dist/server.js'].map((b) => join(ROOT, b));
  const sources = Math.max(...['client/src', 'server/src', 'shared/src'].map((d) => newestMtime(join(ROOT, d))));
  if (bundles.every((b) => existsSync(b) && statSync(b).mtimeMs >= sources)) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** The product .vsix, exactly as `npm run package` (`vsce package --no-dependencies`) makes it. */
export async function packageExtension(packagePath) {
  ensureBuilt();
  await createVSIX({ cwd: ROOT, packagePath, dependencies: false });
  return packagePath;
}

/** The suite as one CommonJS module exporting `run()`, for `extensionTestsPath`. */
export async function bundleSuite(outDir) {
  const outfile = join(outDir, 'suite.js');
  await build({ ...BUNDLE, entryPoints: [join(HERE, 'suite', 'index.ts')], outfile });
  return outfile;
}

/** The runner extension for code-server, packaged so it installs with --install-extension like any other. */
export async function packageRunner(outDir) {
  const dir = join(outDir, 'runner');
  mkdirSync(dir, { recursive: true });
  await build({ ...BUNDLE, entryPoints: [join(HERE, 'runner', 'extension.ts')], outfile: join(dir, 'extension.js') });
  copyFileSync(join(HERE, 'runner', 'package.json'), join(dir, 'package.json'));
  const packagePath = join(outDir, 'vmdisk-vscode-suite.vsix');
  await createVSIX({ cwd: dir, packagePath, dependencies: false, skipLicense: true });
  return packagePath;
}
