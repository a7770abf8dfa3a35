import type { Disk, ParsedDocument, SyntaxProblem } from '../../model';
import { type QemuVariables, qemuArguments } from './command';
import { disksFromQemuArgs } from './disks';
import { guardShellQuoting } from './shellQuoting';
import { lexShell } from './shellWords';

export interface QemuCmdlineOptions {
  /** A shell script (only commands running QEMU count) rather than one QEMU command line (`.args`). */
  shellScript: boolean;
}

/** Disks, syntax problems and comments of a QEMU command line or a shell script launching QEMU. */
export function parseQemuCmdline(text: string, options: QemuCmdlineOptions): ParsedDocument {
  const lexed = lexShell(text, { continuationInSingleQuotes: !options.shellScript });
  const problems: SyntaxProblem[] = lexed.problems;
  const disks: Disk[] = [];
  const commands = options.shellScript ? lexed.commands : [lexed.commands.flat()];
  const variables: QemuVariables = new Set();
  for (const words of commands) {
    const args = qemuArguments(words, !options.shellScript, variables);
    if (args) disks.push(...disksFromQemuArgs(args, problems));
  }
  for (const disk of disks) guardShellQuoting(text, disk, lexed.expansions);
  return { disks, problems, comments: lexed.comments };
}
