/** The `vmdisk` command: `lint` and `probe`. */
import { UsageError } from './args';
import type { CliIO } from './io';
import { lintCommand, LINT_USAGE } from './lint';
import { probeCommand } from './probeCommand';
import { toolVersion } from '../paths';

const USAGE = `vmdisk — check disk cache and AIO settings of libvirt domain XML and QEMU command lines

${LINT_USAGE}
usage: vmdisk probe PATH [--json] [--time-limit MS] [--qemu-io PATH | --no-qemu-io]

Exit status: 0 no error finding, 1 an error finding, 2 usage or read error.
`;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'lint') return lintCommand(rest, io);
    if (command === 'probe') return await probeCommand([...rest], io);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version') {
      io.out(`${toolVersion()}\n`);
      return 0;
    }
    io.err(command ? `vmdisk: unknown command '${command}'\n\n${USAGE}` : USAGE);
    return 2;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vmdisk: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`vmdisk: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
