/**
 * The bundled CLI (`dist/cli.js`) checking one connection, in a child process rather than in the
 * extension host: the client bundle stays free of the core, and a hung virsh cannot block the
 * editor. `process.execPath` is node in code-server and remote hosts and VS Code's Electron
 * binary on the desktop, where ELECTRON_RUN_AS_NODE makes it node. No shell: argument arrays.
 */
import { spawn } from 'node:child_process';
import { parseFleetOutput, type FleetOutput } from './fleetOutput';

export type FleetRun = { status: 'done'; output: FleetOutput } | { status: 'failed'; message: string } | { status: 'cancelled' };

/** The JSON of a host with hundreds of big domains, XML included. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
/** Exit statuses after which the CLI has printed its JSON: clean, error findings, something unreadable. */
const REPORTED = new Set([0, 1, 2]);
/**
 * The CLI leads its own process group where there are groups, so cancelling stops it together
 * with the virsh (and ssh) processes it started.
 */
const GROUPS = process.platform !== 'win32';

/** `settingsArgs`: `--environment …` and the like, passed on as given. */
export function runFleetLint(cliPath: string, connection: string, settingsArgs: readonly string[], signal: AbortSignal): Promise<FleetRun> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ status: 'cancelled' });
    // `--connect=URI` in one word: a URI that begins with '-' is still the value.
    const argv = [cliPath, 'lint', `--connect=${connection}`, '--format', 'json', '--include-xml', ...settingsArgs];
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: GROUPS,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let problem: string | undefined;
    const stop = () => {
      try {
        if (GROUPS && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // Already gone.
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT_BYTES) stdout.push(chunk);
      else if (!problem) {
        problem = `the check printed more than ${MAX_OUTPUT_BYTES / 1048576} MiB`;
        stop();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      problem ??= `cannot run ${process.execPath}: ${error.message}`;
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', stop);
      if (signal.aborted) return resolve({ status: 'cancelled' });
      if (problem) return resolve({ status: 'failed', message: problem });
      const output = code !== null && REPORTED.has(code) ? parseFleetOutput(Buffer.concat(stdout).toString('utf8')) : undefined;
      resolve(output ? { status: 'done', output } : { status: 'failed', message: failureMessage(code, Buffer.concat(stderr).toString('utf8')) });
    });
    signal.addEventListener('abort', stop, { once: true });
  });
}

function failureMessage(code: number | null, stderr: string): string {
  // The CLI's own words (`vmdisk: …`) say it best; usage text after a blank line is left out.
  const said = stderr.split(/\n\s*\n/)[0].trim().replace(/^vmdisk: /, '');
  return said || `the check ended without a report (${code === null ? 'stopped by a signal' : `exit status ${code}`})`;
}
