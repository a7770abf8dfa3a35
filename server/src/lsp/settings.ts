/**
 * Settings per document: pulled with `workspace/configuration` (section `vmdisk`, scoped to the
 * document, so each folder of a multi-root workspace may differ) when the client can answer it;
 * otherwise the section from `initializationOptions`, replaced by each `didChangeConfiguration`.
 */
import { LogMessageNotification, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { resolveSettings, type Settings } from '../../../shared/src/settings';

export const SECTION = 'vmdisk';

export class SettingsSource {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private global: Settings;
  private readonly reported = new Set<string>();
  private shownOnce = false;

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
    initialSection: unknown,
  ) {
    this.global = this.resolve(initialSection);
  }

  /** Settings for a document; pulled once per document until the configuration changes. */
  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.global);
    let pending = this.perDocument.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SECTION })
        .then((section: unknown) => this.resolve(section), () => this.global);
      this.perDocument.set(uri, pending);
    }
    return pending;
  }

  /** `workspace/didChangeConfiguration`: push clients send the new settings, pull clients only the signal. */
  changed(settings: unknown): void {
    this.perDocument.clear();
    if (this.pull) return;
    const record = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
    if (SECTION in record) this.global = this.resolve(record[SECTION]);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  private resolve(section: unknown): Settings {
    const { settings, problems } = resolveSettings(section);
    this.report(problems);
    return settings;
  }

  /** Each bad setting is logged once; the user is told once per session to look at the log. */
  private report(problems: string[]): void {
    const fresh = problems.filter((p) => !this.reported.has(p));
    for (const p of fresh) {
      this.reported.add(p);
      void this.connection.sendNotification(LogMessageNotification.type, { type: MessageType.Warning, message: p });
    }
    if (fresh.length > 0 && !this.shownOnce) {
      this.shownOnce = true;
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `vmdisk: ${fresh[0]}${fresh.length > 1 ? ` (and ${fresh.length - 1} more, see the log)` : ''}`,
      });
    }
  }
}
