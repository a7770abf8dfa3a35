/**
 * The packaged extension in a real VS Code: the .vsix `npm run package` makes is checked, installed
 * into code-server with --install-extension, and the in-editor suite (test/vscode/suite, the same
 * one @vscode/test-electron runs) runs inside it, once in a trusted workspace and once in
 * restricted mode. Chromium (playwright-core) opens the workbench, which starts the extension host;
 * the suite reports through a JSON file. The trusted run also takes the README screenshot.
 */
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../shared/src/rules';
import { ROOT, packageExtension, packageRunner } from './bundle.mjs';
import {
  ensureTools,
  installExtensions,
  openBrowser,
  openWorkbench,
  removeSandbox,
  sandbox,
  startCodeServer,
  waitForJsonFile,
  type Tools,
} from './codeServer';
import type { SuiteResult } from './suite/harness';
import { zipEntries } from './zipEntries';

const MAX_VSIX_BYTES = 1_000_000;
const SUITE_TIMEOUT_MS = 240_000;
/** The README's screenshot is replaced only on request, so ordinary runs leave the work tree alone. */
const SCREENSHOT = process.env.VMDISK_UPDATE_SCREENSHOT === '1' ? join(ROOT, 'docs', 'images', 'screenshot.png') : undefined;

/** Every test the suite defines, by name: a test that silently went missing fails here. */
const SUITE_TESTS = [
  "checking a libvirt connection lists every domain's findings in Problems, as the CLI reports them (refused in restricted mode)",
  "a domain's XML opens read-only from Problems, with hover, and each finding is listed once",
  'the workspace files are written and an .args file is a qemu-cmdline document',
  'opening a domain XML activates vmdisk and shows native-aio-needs-direct on the exact value',
  'hover on the cache value shows the effective flags of the disk',
  "the preferred quick fix in the XML becomes cache='none' through workspace.applyEdit",
  'fix all: listed without its edit, which VS Code resolves when it applies the action',
  'completion in a cache value offers every cache mode',
  'a launch script: -drive cache=writethrough,aio=native is fixed to cache=directsync',
  'a JSON -blockdev is fixed into valid JSON with cache.direct=true',
  'switching vmdisk.environment to development drops unsafe-cache-in-production, and back',
  'the effective cache table lists every disk of the launch script',
  'the probe of the disk under the cursor measures the image (refused in restricted mode)',
  'open documentation shows the rule page that ships with the extension',
  'after restarting the server, a new edit is checked again',
  'screenshot scene: a diagnostic and its hover in the editor',
];

let out: string;
let vsix: string;
let runnerVsix: string;
let tools: Tools;
let browser: Browser | undefined;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'vmdisk-vscode-'));
  vsix = await packageExtension(join(out, 'vmdisk.vsix'));
}, 120_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the packaged .vsix', () => {
  it('holds the bundles, the docs pages, the grammar, README and LICENSE, and nothing else (no node_modules, maps, sources or images)', () => {
    const names = zipEntries(vsix).map((e) => e.name);
    for (const required of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/syntaxes/qemu-cmdline.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      ...ALL_CODES.map((code) => `extension/docs/rules/${code}.md`),
    ]) {
      expect(names).toContain(required);
    }
    const allowed = /^(\[Content_Types\]\.xml|extension\.vsixmanifest|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|language-configuration\.json|dist\/[^/]+\.js|docs\/([^/]+|rules\/[^/]+)\.md|syntaxes\/[^/]+\.json))$/;
    expect(names.filter((n) => !allowed.test(n))).toEqual([]);
    expect(names.filter((n) => /node_modules|\.map$|\.ts$/.test(n))).toEqual([]);
  });

  it(`stays under ${MAX_VSIX_BYTES / 1e6} MB`, () => {
    expect(statSync(vsix).size).toBeLessThan(MAX_VSIX_BYTES);
  });
});

interface EditorRun {
  result: SuiteResult & { error?: string };
  installLog: string;
}

/** One code-server with both extensions installed, opened by Chromium on a fresh workspace; ends everything it started. */
async function runSuiteInCodeServer(trust: boolean, afterResult?: (page: import('playwright-core').Page) => Promise<void>): Promise<EditorRun> {
  const box = await sandbox(trust ? 'vmdisk-cs-trusted-' : 'vmdisk-cs-restricted-');
  const workspace = join(box.dir, 'workspace');
  await mkdir(workspace);
  const resultFile = join(box.dir, 'result.json');
  const installLog = await installExtensions(tools, box, [vsix, runnerVsix]);
  const server = await startCodeServer(tools, box, workspace, { trust, env: { VMDISK_TEST_RESULT: resultFile } });
  const page = await openWorkbench(browser!, server.url, workspace);
  try {
    const result = await waitForJsonFile<SuiteResult & { error?: string }>(resultFile, server.process, SUITE_TIMEOUT_MS);
    console.log(`in-editor suite, ${trust ? 'trusted' : 'restricted mode'}:\n${result.tests.map((t) => `  ${t.ok ? 'ok  ' : 'FAIL'} ${String(t.ms).padStart(6)} ms  ${t.name}`).join('\n')}`);
    if (afterResult) await afterResult(page);
    return { result, installLog };
  } catch (error) {
    throw new Error(`${String(error)}\ncode-server log:\n${server.log()}`);
  } finally {
    await page.close();
    await server.stop();
    await removeSandbox(box);
  }
}

function failures(result: SuiteResult & { error?: string }): string[] {
  return [...(result.error ? [result.error] : []), ...result.tests.filter((t) => !t.ok).map((t) => `${t.name}: ${t.error}`)];
}

describe('vmdisk installed from the .vsix in code-server (VS Code 1.100.3)', () => {
  // A fresh machine installs chromium (apt) and code-server (npm) here: minutes, once.
  beforeAll(async () => {
    tools = await ensureTools();
    runnerVsix = await packageRunner(out);
    browser = await openBrowser(tools);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'passes the whole in-editor suite in a trusted workspace, and the editor shows the diagnostic and its hover',
    async () => {
      let hoverText = '';
      const { result, installLog } = await runSuiteInCodeServer(true, async (page) => {
        // The suite left the cursor on the diagnostic with the hover open: the real UI must show both.
        const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'O_DIRECT' });
        await hover.first().waitFor({ state: 'visible', timeout: 20_000 });
        await page.locator('.squiggly-error').first().waitFor({ state: 'visible', timeout: 20_000 });
        hoverText = await hover.first().innerText();
        // The environment status bar item, for the active XML document.
        await page.locator('.statusbar-item').filter({ hasText: 'vmdisk: production' }).first().waitFor({ state: 'visible', timeout: 20_000 });
        const png = await page.screenshot({ path: SCREENSHOT });
        expect(png.length).toBeGreaterThan(20_000);
      });
      expect(installLog).toMatch(/Extension 'vmdisk\.vsix' was successfully installed/);
      expect(failures(result)).toEqual([]);
      expect(result.trusted).toBe(true);
      expect(result.vscodeVersion).toBe('1.100.3');
      expect(result.tests.map((t) => t.name)).toEqual(SUITE_TESTS);
      expect(result.facts.probeStatus).toBe('done');
      expect(result.facts.probe).toMatchObject({ kind: 'file', format: 'qcow2' });
      expect(hoverText).toMatch(/writeback/);
    },
    SUITE_TIMEOUT_MS + 60_000,
  );

  it(
    'in restricted mode (untrusted workspace) diagnostics, hover and fixes work and the probe is refused',
    async () => {
      const { result } = await runSuiteInCodeServer(false);
      expect(failures(result)).toEqual([]);
      expect(result.trusted).toBe(false);
      expect(result.tests.map((t) => t.name)).toEqual(SUITE_TESTS);
      expect(result.facts.probeStatus).toBe('untrusted');
    },
    SUITE_TIMEOUT_MS + 60_000,
  );
});
