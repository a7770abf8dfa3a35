/** What a client may pass in `initializationOptions`. Anything else is ignored. */

export interface InitOptions {
  /** Wait after a change before pushing diagnostics; 0 checks at once (tests). A client that pulls decides itself. */
  debounceMs: number;
  /** The `vmdisk` settings section, for clients without `workspace/configuration`. */
  section: unknown;
  /** Commands the client implements itself (VS Code: opening docs, trust-gated probing), not advertised by the server. */
  clientCommands: string[];
}

export const DEFAULT_DEBOUNCE_MS = 75;

export function readInitOptions(raw: unknown): InitOptions {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const debounce = o.debounceMs;
  const settings = o.settings && typeof o.settings === 'object' ? (o.settings as Record<string, unknown>) : undefined;
  return {
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS,
    // `{settings: {vmdisk: {…}}}` as in didChangeConfiguration, or `{vmdisk: {…}}`.
    section: settings?.vmdisk ?? o.vmdisk,
    clientCommands: Array.isArray(o.clientCommands) ? o.clientCommands.filter((c): c is string => typeof c === 'string') : [],
  };
}
