/**
 * One `virsh` call: an argument array (never a shell), a read-only connection, stdin closed so a
 * URI that wants credentials fails at once instead of waiting for a prompt, and a time limit
 * after which the child is stopped.
 */
import { execFile, type ExecFileException } from 'node:child_process';

export type VirshResult = { ok: true; stdout: string } | { ok: false; message: string };

/** Runs `virsh` against one connection with the given command arguments. */
export type VirshRunner = (args: readonly string[]) => Promise<VirshResult>;

/** Domain XML of a big guest is tens of KiB; this leaves room for the odd monster. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** A virsh that ignores SIGTERM gets SIGKILL this long after. */
const KILL_GRACE_MS = 2000;

export function virshRunner(virsh: string, uri: string, timeoutMs: number): VirshRunner {
  // `--connect=URI` in one word: a URI that begins with '-' cannot be read as another option.
  // Always two or more command words after the options: virsh re-parses a single one as a command line.
  return (args) => runVirsh(virsh, ['--readonly', `--connect=${uri}`, ...args], timeoutMs);
}

function runVirsh(virsh: string, argv: readonly string[], timeoutMs: number): Promise<VirshResult> {
  return new Promise((resolve) => {
    let timedOut = false;
    let hardKill: NodeJS.Timeout | undefined;
    const child = execFile(virsh, argv, { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true }, (error, stdout, stderr) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      if (timedOut) resolve({ ok: false, message: `no answer from virsh within ${timeoutMs / 1000} s (stopped it)` });
      else if (error) resolve({ ok: false, message: failureMessage(virsh, error, stderr) });
      else resolve({ ok: true, stdout });
    });
    child.stdin?.end();
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      hardKill = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
  });
}

function failureMessage(virsh: string, error: ExecFileException, stderr: string): string {
  if (error.code === 'ENOENT') return `cannot run '${virsh}': not found (install libvirt-clients, or pass --virsh PATH)`;
  if (error.code === 'EACCES') return `cannot run '${virsh}': permission denied`;
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return `virsh printed more than ${MAX_OUTPUT_BYTES / 1048576} MiB`;
  return virshMessage(stderr) || `virsh failed (${error.message.split('\n')[0]})`;
}

/**
 * virsh's own words: its `error: ` messages joined (`failed to connect to the hypervisor: …`), or
 * whatever else it printed when there is none. A line without the prefix after an error message
 * continues it: a domain name may hold a line break.
 */
export function virshMessage(stderr: string): string {
  const errors: string[] = [];
  const others: string[] = [];
  for (const line of stderr.replace(/\s+$/, '').split(/\r?\n/)) {
    if (line.startsWith('error: ')) errors.push(line.slice('error: '.length).trim());
    else if (errors.length > 0) errors[errors.length - 1] += `\n${line}`;
    else if (line.trim() !== '') others.push(line.trim());
  }
  return (errors.length > 0 ? errors : others).join(': ');
}
