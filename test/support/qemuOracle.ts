/**
 * Ask a real QEMU what a set of block options does. QEMU starts paused (`-S`) with QMP on stdio, we ask
 * for the block layer's state and quit: the answer is QEMU's own — the cache flags of every backend and
 * node, and how the nodes are linked — or the error line it printed when it refused the options.
 *
 * Many cases run at once: every call goes through one bounded queue, so callers may fire hundreds of
 * questions with `Promise.all` and at most `QEMU_ORACLE_JOBS` QEMUs live at a time. A paused QEMU needs
 * ~25 ms of CPU (machine `none`; ~40 ms for `pc`) but lives three to four times as long, mostly waiting,
 * so the default is four per core (at least two cores).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';

export interface QemuCacheFlags {
  writeback: boolean;
  direct: boolean;
  noFlush: boolean;
}

/** One `query-block` entry with a medium: a BlockBackend, i.e. what a guest device sees. */
export interface QemuBackend {
  /** Backend name (`-drive id=`); empty for the anonymous backend of a `-device drive=NODE`. */
  device: string;
  /** QOM path of the device attached to it, if any. */
  qdev: string | null;
  /** The root node of the backend. */
  node: string;
  drv: string;
  ro: boolean;
  cache: QemuCacheFlags;
}

/** One `query-named-block-nodes` entry (its `writeback` is always true: only backends have a guest cache). */
export interface QemuNode {
  node: string;
  drv: string;
  /** The filename QEMU reports: the image path for protocol nodes, often a `json:{…}` for others. */
  file: string;
  ro: boolean;
  cache: QemuCacheFlags;
}

/** A parent → child link between nodes (`x-debug-query-block-graph`); role is `file`, `backing`, `root`, … */
export interface QemuEdge {
  parent: string;
  child: string;
  role: string;
}

export type QemuAnswer =
  | { ok: true; version: string; machine: string; warnings: string[]; block: QemuBackend[]; nodes: QemuNode[]; edges: QemuEdge[] }
  | {
      ok: false;
      /** QEMU's message without the program name and the option it complained about. */
      error: string;
      /** The option QEMU named (`-drive file=…`), when it named one. */
      option: string | null;
      stderr: string;
      exitCode: number | null;
    };

export interface AskOptions {
  /** Machine type; default from `machineFor`. */
  machine?: string;
  timeoutMs?: number;
  /** Environment of the QEMU process (give it a temporary HOME). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  binary?: string;
}

const QMP_QUESTIONS = [
  { execute: 'qmp_capabilities' },
  { execute: 'query-block' },
  { execute: 'query-named-block-nodes', arguments: { flat: true } },
  { execute: 'x-debug-query-block-graph' },
  { execute: 'quit' },
];

/** `options` are QEMU options as argument pairs, e.g. `[['-drive', 'file=d.raw,cache=none']]`. */
export function askQemu(options: readonly (readonly string[])[], opts: AskOptions = {}): Promise<QemuAnswer> {
  return queue.run(() => runQemu(options, opts));
}

/** The node that does the I/O for a backend: follow `file` children from its root node to the bottom. */
export function protocolNodeOf(answer: Extract<QemuAnswer, { ok: true }>, rootNode: string): QemuNode | undefined {
  let name = rootNode;
  const seen = new Set<string>();
  for (;;) {
    seen.add(name);
    const child = answer.edges.find((e) => e.parent === name && e.role === 'file');
    if (!child || seen.has(child.child)) break;
    name = child.child;
  }
  return answer.nodes.find((n) => n.node === name);
}

/** Follow one child link of a node, e.g. the `backing` image below a `-snapshot` overlay. */
export function childOf(answer: Extract<QemuAnswer, { ok: true }>, parent: string, role: string): string | undefined {
  return answer.edges.find((e) => e.parent === parent && e.role === role)?.child;
}

class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

const queue = new BoundedQueue(Number(process.env.QEMU_ORACLE_JOBS) || 4 * Math.max(2, availableParallelism()));

/**
 * The machine a set of options needs: `none` starts fastest, but guest devices need the buses of `pc`
 * (a `-device`, `-hda`/`-cdrom`, or a `-drive` whose `if=` is not `none` — `if=` defaults to ide).
 */
export function machineFor(options: readonly (readonly string[])[], machine?: string): string {
  if (machine) return machine;
  const needsBus = options.some(([flag, value]) => {
    if (flag === '-device' || flag === '-hda' || flag === '-cdrom') return true;
    return flag === '-drive' && !/(^|,)if=none(,|$)/.test(value ?? '');
  });
  return needsBus ? 'pc' : 'none';
}

/** QEMU's arguments for the options: paused, no default devices, no display, QMP on stdio. */
export function qemuArgv(options: readonly (readonly string[])[], machine: string): string[] {
  const argv = ['-nodefaults', '-display', 'none', '-S', '-machine', machine];
  if (machine !== 'none') argv.push('-accel', 'tcg');
  argv.push('-qmp', 'stdio', ...options.flat());
  return argv;
}

function runQemu(options: readonly (readonly string[])[], opts: AskOptions): Promise<QemuAnswer> {
  const binary = opts.binary ?? 'qemu-system-x86_64';
  const machine = machineFor(options, opts.machine);
  const argv = qemuArgv(options, machine);
  const timeoutMs = opts.timeoutMs ?? 20_000;

  return new Promise((resolve) => {
    const child = spawn(binary, argv, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let spawnError: Error | undefined;
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // QEMU that refuses its options exits before reading stdin: the write then fails with EPIPE.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => (spawnError = error));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (spawnError) {
        resolve({ ok: false, error: `cannot start ${binary}: ${spawnError.message}`, option: null, stderr, exitCode: null });
        return;
      }
      if (timedOut) {
        const heard = stdout.trim().split('\n').length;
        resolve({ ok: false, error: `no answer within ${timeoutMs} ms (QMP had sent ${stdout.trim() ? heard : 0} line(s))`, option: null, stderr, exitCode: code });
        return;
      }
      resolve(readAnswer(stdout, stderr, code, machine, path.basename(binary), options));
    });
    // QEMU does not quit on end-of-file of its QMP stdin, only on `quit`, the last question.
    child.stdin.end(QMP_QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
  });
}

interface QmpMessage {
  QMP?: { version: { qemu: { major: number; minor: number; micro: number } } };
  return?: unknown;
  error?: { desc: string };
  event?: string;
}

function readAnswer(
  stdout: string,
  stderr: string,
  exitCode: number | null,
  machine: string,
  program: string,
  options: readonly (readonly string[])[],
): QemuAnswer {
  const messages: QmpMessage[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    try {
      messages.push(JSON.parse(line) as QmpMessage);
    } catch {
      // QMP prints one JSON object per line; anything else is not an answer.
    }
  }
  const greeting = messages.find((m) => m.QMP);
  const replies = messages.filter((m) => 'return' in m || 'error' in m);
  const stderrLines = stderr.split('\n').filter((l) => l.trim() !== '');
  const failedReply = replies.slice(0, 4).find((r) => r.error);
  if (exitCode !== 0 || !greeting?.QMP || replies.length < 4 || failedReply) {
    const refusal = refusalOf(stderrLines, program, options);
    return {
      ok: false,
      error: refusal.error || failedReply?.error?.desc || `exit status ${exitCode}`,
      option: refusal.option,
      stderr,
      exitCode,
    };
  }
  const v = greeting.QMP.version.qemu;
  return {
    ok: true,
    version: `${v.major}.${v.minor}.${v.micro}`,
    machine,
    warnings: stderrLines,
    block: backendsOf(replies[1].return),
    nodes: nodesOf(replies[2].return),
    edges: edgesOf(replies[3].return),
  };
}

/** QEMU prints `PROGRAM: OPTION VALUE: message`, sometimes followed by hint lines without the prefix. */
function refusalOf(lines: string[], program: string, options: readonly (readonly string[])[]): { error: string; option: string | null } {
  const prefix = `${program}: `;
  const fatal = lines.filter((l) => l.startsWith(prefix) && !l.slice(prefix.length).startsWith('warning:'));
  const line = fatal[fatal.length - 1] ?? lines[lines.length - 1] ?? '';
  const message = line.startsWith(prefix) ? line.slice(prefix.length) : line;
  for (const option of options) {
    const written = option.join(' ');
    if (message.startsWith(written + ': ')) return { option: written, error: message.slice(written.length + 2) };
  }
  return { option: null, error: message };
}

interface RawCache {
  writeback: boolean;
  direct: boolean;
  'no-flush': boolean;
}

function flagsOf(cache: RawCache): QemuCacheFlags {
  return { writeback: cache.writeback, direct: cache.direct, noFlush: cache['no-flush'] };
}

function backendsOf(reply: unknown): QemuBackend[] {
  const entries = reply as { device: string; qdev?: string; inserted?: { 'node-name': string; drv: string; ro: boolean; cache: RawCache } }[];
  return entries.flatMap((b) =>
    b.inserted
      ? [{ device: b.device, qdev: b.qdev ?? null, node: b.inserted['node-name'], drv: b.inserted.drv, ro: b.inserted.ro, cache: flagsOf(b.inserted.cache) }]
      : [],
  );
}

function nodesOf(reply: unknown): QemuNode[] {
  const entries = reply as { 'node-name': string; drv: string; file: string; ro: boolean; cache: RawCache }[];
  return entries.map((n) => ({ node: n['node-name'], drv: n.drv, file: n.file, ro: n.ro, cache: flagsOf(n.cache) }));
}

function edgesOf(reply: unknown): QemuEdge[] {
  const graph = reply as { nodes: { id: number; name: string }[]; edges: { parent: number; child: number; name: string }[] };
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return graph.edges.map((e) => ({ parent: names.get(e.parent) ?? '', child: names.get(e.child) ?? '', role: e.name }));
}
