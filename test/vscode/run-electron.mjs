// `npm run test:vscode`: the in-editor suite (test/vscode/suite) in VS Code downloaded by
// @vscode/test-electron, with the extension loaded from this folder. Where VS Code cannot be
// downloaded, test/vscode/code-server.test.ts runs the same suite in code-server instead.
import { runTests } from '@vscode/test-electron';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, bundleSuite } from './bundle.mjs';

const dir = await mkdtemp(join(tmpdir(), 'vmdisk-electron-'));
const workspace = join(dir, 'workspace');
const result = join(dir, 'result.json');
await mkdir(workspace);
let code = 1;
try {
  const extensionTestsPath = await bundleSuite(join(ROOT, 'out', 'vscode-test'));
  code = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    extensionTestsEnv: { VMDISK_TEST_RESULT: result },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(dir, 'user-data')],
  });
  const { tests } = JSON.parse(await readFile(result, 'utf8'));
  for (const t of tests) console.log(`${t.ok ? 'ok  ' : 'FAIL'} ${String(t.ms).padStart(6)} ms  ${t.name}${t.ok ? '' : `\n${t.error}`}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(code);
