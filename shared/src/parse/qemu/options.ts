import type { Span, SyntaxProblem } from '../../model';
import { spanOf, type MappedText } from '../../text/mapped';

/**
 * Pairs a QEMU argv into options and their arguments. QEMU decides per option whether it
 * takes an argument; options not in the flag list below take one.
 */

export type ArgvItem =
  | { type: 'option'; name: string; word: MappedText; value: MappedText | null }
  | { type: 'positional'; word: MappedText };

/** Options that take no argument. */
const FLAGS = new Set([
  'S', 's', 'snapshot', 'no-user-config', 'nodefaults', 'nodefconfig', 'no-shutdown', 'enable-kvm',
  'no-kvm', 'no-kvm-irqchip', 'no-kvm-pit', 'no-kvm-pit-reinjection', 'nographic', 'daemonize',
  'no-reboot', 'no-hpet', 'no-acpi', 'full-screen', 'usb', 'localtime', 'enable-fips', 'sdl', 'curses',
  'no-frame', 'alt-grab', 'ctrl-grab', 'no-quit', 'portrait', 'win2k-hack', 'rtc-td-hack',
  'no-fd-bootchk', 'mem-prealloc', 'singlestep', 'one-insn-per-tb', 'semihosting', 'preconfig',
  'only-migratable', 'old-param', 'show-cursor', 'xen-attach', 'xen-domid-restrict', 'version', 'help',
  'h', 'enable-sync-profile', 'perfmap', 'jitdump',
]);

/** Options whose argument is read even when it starts with `-`. */
const ARGUMENT_ANYWAY = new Set(['append', 'name', 'L', 'D', 'd']);

/** Options this parser reads; a missing argument is reported for them. */
export const DISK_OPTIONS = new Set([
  'drive', 'blockdev', 'device', 'hda', 'hdb', 'hdc', 'hdd', 'cdrom', 'fda', 'fdb', 'global', 'machine', 'M',
]);

export function splitArgv(words: MappedText[], problems: SyntaxProblem[]): ArgvItem[] {
  const items: ArgvItem[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!looksLikeOption(word.text) && word.text !== '--' && word.text !== '-') {
      items.push({ type: 'positional', word });
      continue;
    }
    const name = word.text.slice(word.text.charCodeAt(1) === 45 ? 2 : 1);
    const eq = name.indexOf('=');
    if (eq >= 0) {
      // QEMU has no `-opt=value` spelling; it rejects the word as an unknown option.
      const base = name.slice(0, eq);
      if (DISK_OPTIONS.has(base)) {
        problems.push({
          span: wordSpan(word),
          message: `QEMU does not accept '-${base}=…'; write '-${base}' and its argument as two words`,
          severity: 'error',
        });
      }
      items.push({ type: 'option', name, word, value: null });
      continue;
    }
    if (name === '' || FLAGS.has(name)) {
      items.push({ type: 'option', name, word, value: null });
      continue;
    }
    const next = words[i + 1];
    const disk = DISK_OPTIONS.has(name);
    const takesNext = next !== undefined && (ARGUMENT_ANYWAY.has(name) || !looksLikeOption(next.text));
    if (takesNext) {
      items.push({ type: 'option', name, word, value: next });
      i++;
      continue;
    }
    if (disk) {
      problems.push({ span: wordSpan(word), message: `'${word.text}' needs an argument`, severity: 'error' });
    }
    items.push({ type: 'option', name, word, value: null });
  }
  return items;
}

/** `-x`, `--x`: a dash followed by a letter or a second dash (a lone `-1` is a value). */
function looksLikeOption(text: string): boolean {
  if (text.charCodeAt(0) !== 45 || text.length < 2) return false;
  const c = text.charCodeAt(1);
  return c === 45 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The document extent of a word: with its quotes for shell words, else its decoded text. */
export function wordSpan(word: MappedText): Span {
  const raw = (word as MappedText & { span?: Span }).span;
  return raw ?? spanOf(word);
}
