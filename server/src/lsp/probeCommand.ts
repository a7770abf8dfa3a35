/**
 * `vmdisk.probeImage {uri, path}`: probe the image a disk points at, with progress and
 * cancellation, then let the result feed the diagnostics of every open document.
 */
import {
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type Connection,
  type ProgressToken,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { formatProbeMarkdown, probeImage, ProbeError, type ProbeReport } from '../../../shared/src/probe';
import type { Analyses } from './analyses';
import { localImagePath } from './localPath';
import type { SettingsSource } from './settings';
import type { StorageFactsStore } from './storage';

export interface ProbeResult {
  ok: boolean;
  /** One line for the user: the recommendation, or why nothing was probed. */
  message: string;
  markdown?: string;
  report?: ProbeReport;
}

export interface ProbeDeps {
  connection: Connection;
  analyses: Analyses;
  settings: SettingsSource;
  storage: StorageFactsStore;
  /** Re-check open documents once new storage facts are known. */
  factsChanged: () => void;
  /** Show the outcome with `window/showMessage` (for clients that do not display the result themselves). */
  tellUser: boolean;
}

export class ProbeRunner {
  /** Running probes by the client's progress token, so `window/workDoneProgress/cancel` can stop them. */
  private readonly byProgressToken = new Map<ProgressToken, AbortController>();

  constructor(private readonly deps: ProbeDeps) {}

  cancelProgress(token: ProgressToken): void {
    this.byProgressToken.get(token)?.abort();
  }

  async run(args: unknown, token: CancellationToken, progress: WorkDoneProgressReporter, progressToken?: ProgressToken): Promise<ProbeResult> {
    const request = args as Partial<{ uri: unknown; path: unknown }> | undefined;
    if (!request || typeof request.uri !== 'string' || typeof request.path !== 'string') {
      return this.finish({ ok: false, message: 'vmdisk.probeImage needs one argument {uri, path}.' });
    }
    const { uri, path } = request as { uri: string; path: string };
    const sourceType = await this.sourceTypeOf(uri, path);
    const local = localImagePath(uri, path, sourceType);
    if (!local.ok) return this.finish({ ok: false, message: local.reason });
    const settings = await this.deps.settings.get(uri);
    const abort = new AbortController();
    const onCancel = token.onCancellationRequested(() => abort.abort());
    if (progressToken !== undefined) this.byProgressToken.set(progressToken, abort);
    progress.begin(`vmdisk: probing ${local.path}`, 0, undefined, true);
    try {
      const report = await probeImage(local.path, {
        timeLimitMs: settings.probeTimeLimitMs,
        qemuIoPath: settings.qemuIoPath === '' ? undefined : settings.qemuIoPath,
        signal: abort.signal,
        baseDir: local.baseDir,
        onProgress: (message, percent) => (percent === undefined ? progress.report(message) : progress.report(Math.round(percent), message)),
      });
      this.deps.storage.record(local.path, report);
      this.deps.factsChanged();
      return this.finish({ ok: true, message: `${local.path}: ${report.recommendation.text}`, markdown: formatProbeMarkdown(report), report });
    } catch (e) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The probe was cancelled.');
      if (e instanceof ProbeError) return this.finish({ ok: false, message: e.message });
      return this.finish({ ok: false, message: `The probe of ${JSON.stringify(local.path)} failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      onCancel.dispose();
      if (progressToken !== undefined) this.byProgressToken.delete(progressToken);
      progress.done();
    }
  }

  /** The document's disk with this source tells whether it is a network or volume source. */
  private async sourceTypeOf(uri: string, path: string): Promise<string | null> {
    const analysed = await this.deps.analyses.current(uri);
    return analysed?.analysis.disks.find(({ disk }) => disk.source?.value === path)?.disk.sourceType ?? null;
  }

  private finish(result: ProbeResult): ProbeResult {
    if (this.deps.tellUser) {
      void this.deps.connection.sendNotification(ShowMessageNotification.type, {
        type: result.ok ? MessageType.Info : MessageType.Warning,
        message: `vmdisk probe: ${result.message}`,
      });
    }
    return result;
  }
}
