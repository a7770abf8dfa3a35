/**
 * The environment of an editor started by a test that runs a snippet of docs/editors.md verbatim:
 * its own HOME and XDG directories (editors write logs and state there), and
 * `vmdisk-language-server` on PATH as `npm install -g` would put it.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SERVER } from '../server/client';

export const SERVER_COMMAND = 'vmdisk-language-server';

/** Environment for an editor living in `dir`, with the server command on PATH. */
export function editorEnv(dir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    PATH: pathWithServerShim(dir),
    ...extra,
  };
}

/**
 * A script in `dir/bin` that execs the built bundle with node (`exec` keeps one process, so the
 * editor's pid for its server is the node process itself); returns PATH with that directory first.
 */
export function pathWithServerShim(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const script = join(bin, SERVER_COMMAND);
  writeFileSync(script, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(SERVER)} "$@"\n`);
  chmodSync(script, 0o755);
  return [bin, process.env.PATH ?? ''].join(delimiter);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Whether a process with this pid is still there (signal 0 checks without sending). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
