import type { ShellWord } from './shellWords';

/**
 * Finds the QEMU invocation in a shell command: past leading `VAR=value` assignments and
 * wrappers such as `exec`, `env`, `sudo`, `nice -n 5`, `taskset -c 0-3`, to the word naming
 * `qemu-system-*` or `qemu-kvm` (any directory), or a variable the script set to one
 * (`QEMU=/usr/bin/qemu-system-x86_64` … `$QEMU -drive …`, `${QEMU:-qemu-kvm}`).
 */

/** Commands that run another command given later in their arguments, and shell keywords before a command. */
const WRAPPERS = new Set([
  'exec', 'env', 'sudo', 'doas', 'nice', 'ionice', 'taskset', 'numactl', 'chrt', 'nohup', 'time', 'command',
  'stdbuf', 'timeout', 'setsid', 'runuser', 'systemd-run', 'unbuffer', 'strace', 'ltrace', 'valgrind',
  'gdb', 'catchsegv', 'cgexec', 'firejail', 'then', 'do', 'else', '!', '{', 'if', 'while', 'until',
]);

export function isQemuBinary(word: string): boolean {
  const base = basename(word);
  return base.startsWith('qemu-system-') || base === 'qemu-kvm';
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Names of shell variables assigned a QEMU binary so far in a script. */
export type QemuVariables = Set<string>;

/** `$NAME`, `${NAME}`, or `${NAME:-default}` / `${NAME-default}` with a QEMU default. */
const VARIABLE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?::?[-=]([^}]*))?\})$/;

function runsQemu(word: string, variables: QemuVariables): boolean {
  if (isQemuBinary(word)) return true;
  const m = VARIABLE.exec(word);
  if (!m) return false;
  const name = m[1] ?? m[2];
  return variables.has(name) || (m[3] !== undefined && isQemuBinary(m[3]));
}

/**
 * The arguments after the QEMU binary, or null when the command does not run QEMU.
 * `binaryOptional` (for .args files, which are one QEMU command): any first word that is
 * not an option counts as the binary, and a command of bare options is all arguments.
 * A command made only of assignments records the variables it sets to a QEMU binary.
 */
export function qemuArguments(words: ShellWord[], binaryOptional: boolean, variables: QemuVariables): ShellWord[] | null {
  let i = 0;
  while (i < words.length && words[i].assignment) i++;
  if (i >= words.length) {
    for (const w of words) noteAssignment(w.text, variables);
    return binaryOptional ? [] : null;
  }
  const first = words[i].text;
  if (runsQemu(first, variables)) return words.slice(i + 1);
  if (WRAPPERS.has(basename(first))) {
    for (let j = i + 1; j < words.length; j++) if (runsQemu(words[j].text, variables)) return words.slice(j + 1);
  }
  if (!binaryOptional) return null;
  // libvirt writes environment values with spaces unquoted (`CEPH_ARGS=-m host:port`), so
  // the binary may come a few words late; it still precedes the first option.
  for (let j = i; j < words.length && !words[j].text.startsWith('-'); j++) {
    if (isQemuBinary(words[j].text)) return words.slice(j + 1);
  }
  return first.startsWith('-') ? words.slice(i) : words.slice(i + 1);
}

function noteAssignment(assignment: string, variables: QemuVariables): void {
  const eq = assignment.indexOf('=');
  const name = assignment.slice(0, eq);
  if (isQemuBinary(assignment.slice(eq + 1))) variables.add(name);
  else variables.delete(name);
}
