/**
 * The native-I/O probe, run by the server (`workspace/executeCommand` `vmdisk.probeImage`), shown
 * here: a cancellable progress notification fed by the server's work-done progress, then the report
 * as a Markdown document. Only in a trusted workspace: the probe opens the image a document names
 * and may run qemu-io.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LSPErrorCodes, ResponseError, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { PROBE_IMAGE } from '../commandIds';
import type { Reports } from '../reports';

export interface ProbeTarget {
  /** The document the disk is written in: relative paths are resolved against it. */
  uri: string;
  /** The disk's source as written. */
  path: string;
}

/** What the command returns to its caller (a test, another extension). */
export type ProbeOutcome =
  | { status: 'done'; report: unknown; markdown: string; document: vscode.TextDocument }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' }
  | { status: 'untrusted' };

/** What the server answers (server/src/lsp/probeCommand.ts `ProbeResult`). */
interface ServerProbeResult {
  ok: boolean;
  message: string;
  markdown?: string;
  report?: unknown;
}

export async function probeImage(client: LanguageClient, reports: Reports, target: ProbeTarget): Promise<ProbeOutcome> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage('vmdisk: the probe opens disk images and may run qemu-io, so it runs only in a trusted workspace.', 'Manage Workspace Trust')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return { status: 'untrusted' };
  }
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `vmdisk: probing ${basename(target.path)}`, cancellable: true },
    (progress, token) => runOnServer(client, reports, target, progress, token),
  );
  if (outcome.status === 'failed') void vscode.window.showErrorMessage(`vmdisk: ${outcome.message}`);
  return outcome;
}

async function runOnServer(
  client: LanguageClient,
  reports: Reports,
  target: ProbeTarget,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<ProbeOutcome> {
  const workDoneToken = randomUUID();
  let reported = 0;
  const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    // VS Code wants increments; the server reports absolute percentages.
    const increment = value.percentage !== undefined ? Math.max(0, value.percentage - reported) : undefined;
    if (value.percentage !== undefined) reported = Math.max(reported, value.percentage);
    progress.report({ message: value.message, increment });
  });
  try {
    const result = (await client.sendRequest(
      ExecuteCommandRequest.type,
      { command: PROBE_IMAGE, arguments: [target], workDoneToken },
      token,
    )) as ServerProbeResult | null;
    if (token.isCancellationRequested) return { status: 'cancelled' };
    if (!result?.ok || typeof result.markdown !== 'string') {
      return { status: 'failed', message: result?.message ?? `the probe of ${target.path} returned no report` };
    }
    const document = await reports.show(`probe ${basename(target.path)}`, result.markdown);
    return { status: 'done', report: result.report, markdown: result.markdown, document };
  } catch (error) {
    if (token.isCancellationRequested || (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)) return { status: 'cancelled' };
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  } finally {
    listener.dispose();
  }
}
