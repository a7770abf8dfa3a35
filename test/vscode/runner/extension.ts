/**
 * The test runner extension for code-server (which has no --extensionTestsPath): on startup it runs
 * the suite once and writes the result JSON; a crash of the suite itself is written as a result too,
 * so the waiting test never has to guess.
 */
import * as vscode from 'vscode';
import { runSuite, writeResult } from '../suite/index';

export function activate(): void {
  const channel = vscode.window.createOutputChannel('vmdisk suite');
  runSuite((line) => channel.appendLine(line)).catch((error: unknown) =>
    writeResult({
      ok: false,
      trusted: vscode.workspace.isTrusted,
      vscodeVersion: vscode.version,
      tests: [],
      facts: {},
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
}
