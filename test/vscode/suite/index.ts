/**
 * Entry of the suite. `run()` is what @vscode/test-electron calls (`extensionTestsPath`); the
 * code-server runner extension calls it too. Either way the result is written as JSON to
 * $VMDISK_TEST_RESULT when set, and a failed test rejects.
 */
import { rename, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { Suite, type SuiteResult } from './harness';
import { libvirtSuite } from './libvirt.suite';
import { vmdiskSuite } from './vmdisk.suite';

const TEST_DEADLINE_MS = 45_000;

export async function runSuite(log: (line: string) => void = (l) => console.log(l)): Promise<SuiteResult> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') throw new Error('the suite needs the editor opened on an empty local folder');
  const suite = new Suite(TEST_DEADLINE_MS);
  // First: vmdiskSuite ends with the scene the outer test photographs.
  libvirtSuite(suite, folder.uri.fsPath);
  vmdiskSuite(suite, folder.uri.fsPath);
  const result = await suite.run({ trusted: vscode.workspace.isTrusted, vscodeVersion: vscode.version }, log);
  await writeResult(result);
  return result;
}

/** Written whole, then renamed: a watcher never reads half a file. */
export async function writeResult(result: SuiteResult | (SuiteResult & { error: string })): Promise<void> {
  const out = process.env.VMDISK_TEST_RESULT;
  if (!out) return;
  await writeFile(`${out}.partial`, JSON.stringify(result, null, 2));
  await rename(`${out}.partial`, out);
}

export async function run(): Promise<void> {
  const result = await runSuite();
  const failed = result.tests.filter((t) => !t.ok);
  if (failed.length > 0) throw new Error(`${failed.length} of ${result.tests.length} tests failed: ${failed.map((t) => t.name).join('; ')}`);
}
