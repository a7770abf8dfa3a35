/**
 * The connection URIs offered when the command asks for one: what was typed, then the recently
 * checked ones (most recent first), then the usual local one. Pure, for unit tests; the list
 * itself lives in the extension's globalState.
 */
export const MAX_RECENT = 10;
/** The local hypervisor's system instance: what most single-host admins mean. */
export const DEFAULT_CONNECTIONS = ['qemu:///system'];

export interface ConnectionChoice {
  uri: string;
  kind: 'typed' | 'recent' | 'default';
}

/** The stored list as far as it is one: strings only, trimmed, no blanks or repeats. */
export function recentFrom(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const uris = stored.filter((u): u is string => typeof u === 'string').map((u) => u.trim()).filter((u) => u !== '');
  return [...new Set(uris)].slice(0, MAX_RECENT);
}

/** `uri` first, without an older copy of itself, at most `max` kept. */
export function rememberConnection(recent: readonly string[], uri: string, max = MAX_RECENT): string[] {
  const trimmed = uri.trim();
  if (trimmed === '') return recentFrom(recent);
  return [trimmed, ...recentFrom(recent).filter((u) => u !== trimmed)].slice(0, max);
}

export function connectionChoices(recent: readonly string[], typed: string): ConnectionChoice[] {
  const value = typed.trim();
  const known = [...recent.map((uri) => ({ uri, kind: 'recent' as const })), ...DEFAULT_CONNECTIONS.filter((d) => !recent.includes(d)).map((uri) => ({ uri, kind: 'default' as const }))];
  if (value === '' || known.some((c) => c.uri === value)) return known;
  return [{ uri: value, kind: 'typed' }, ...known];
}
