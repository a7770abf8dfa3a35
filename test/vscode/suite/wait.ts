/** Waiting on VS Code events (never on sleeps): each wait ends when the event shows the expected state. */
import * as vscode from 'vscode';

const DEFAULT_MS = 20_000;

/** Resolves with the document's diagnostics once `accept` holds for them (checked now and on every change). */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_MS,
): Promise<vscode.Diagnostic[]> {
  return until(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      // The language server's (`vmdisk`) and those of a libvirt connection check (`vmdisk-libvirt`).
      const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('vmdisk'));
      return accept(diagnostics) ? diagnostics : undefined;
    },
    () => `${what} on ${uri.path}; diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [codeOf(d), d.message]))}`,
    timeoutMs,
  );
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function withCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((d) => codeOf(d) === code);
}

export function withoutCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => !diagnostics.some((d) => codeOf(d) === code);
}

/** Resolves once a tab whose label satisfies `accept` is open. */
export function tabWhere(accept: (label: string) => boolean, what: string, timeoutMs = DEFAULT_MS): Promise<vscode.Tab> {
  return until(
    vscode.window.tabGroups.onDidChangeTabs,
    () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => accept(t.label)),
    () => `${what}; tabs now: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)))}`,
    timeoutMs,
  );
}

/** Checks `probe` now and after every `event`, until it returns a value or the deadline passes. */
export function until<E, T>(event: vscode.Event<E>, probe: () => T | undefined, describe: () => string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      subscription.dispose();
      clearTimeout(timer);
      settle();
    };
    const check = () => {
      const value = probe();
      if (value !== undefined) finish(() => resolve(value));
    };
    const subscription = event(check);
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`))), timeoutMs);
    check();
  });
}
