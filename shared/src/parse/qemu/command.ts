import type { ShellWord } from './shellWords';

/**
 * Finds the QEMU invocation in a shell command: past leading `VAR=value` assignments and
 * wrappers such as `exec`, `env`, `sudo`, `nice -n 5`, `taskset -c 0-3`, to the word naming
 * `qemu-system-*` or `qemu-kvm` (any directory).
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

/**
 * The arguments after the QEMU binary, or null when the command does not run QEMU.
 * `binaryOptional` (for .args files, which are one QEMU command): any first word that is
 * not an option counts as the binary, and a command of bare options is all arguments.
 */
export function qemuArguments(words: ShellWord[], binaryOptional: boolean): ShellWord[] | null {
  let i = 0;
  while (i < words.length && words[i].assignment) i++;
  if (i >= words.length) return binaryOptional ? [] : null;
  const first = words[i].text;
  if (isQemuBinary(first)) return words.slice(i + 1);
  if (WRAPPERS.has(basename(first))) {
    for (let j = i + 1; j < words.length; j++) if (isQemuBinary(words[j].text)) return words.slice(j + 1);
  }
  if (!binaryOptional) return null;
  // libvirt writes environment values with spaces unquoted (`CEPH_ARGS=-m host:port`), so
  // the binary may come a few words late; it still precedes the first option.
  for (let j = i; j < words.length && !words[j].text.startsWith('-'); j++) {
    if (isQemuBinary(words[j].text)) return words.slice(j + 1);
  }
  return first.startsWith('-') ? words.slice(i) : words.slice(i + 1);
}
