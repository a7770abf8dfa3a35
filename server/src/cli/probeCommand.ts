/** `vmdisk probe PATH [--json] [--time-limit MS] [--qemu-io PATH | --no-qemu-io]` */
import { formatProbeText } from '../../../shared/src/probe/formatText';
import { probeImage } from '../../../shared/src/probe/probeImage';
import { ProbeError } from '../../../shared/src/probe/probeError';
import type { ProbeOptions } from '../../../shared/src/probe/types';
import { parseArgs, UsageError } from './args';
import type { CliIO } from './io';

export const PROBE_USAGE = 'usage: vmdisk probe PATH [--json] [--time-limit MS] [--qemu-io PATH | --no-qemu-io]';

interface ProbeRequest {
  path: string;
  json: boolean;
  options: ProbeOptions;
}

function parseProbeArgs(argv: string[]): ProbeRequest {
  const args = parseArgs(argv, { values: ['time-limit', 'qemu-io'], booleans: ['json', 'no-qemu-io'] });
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length === 0 ? 'probe needs the path of an image' : 'probe takes exactly one path');
  }
  const options: ProbeOptions = {};
  const limit = args.values.get('time-limit')?.[0];
  if (limit !== undefined) {
    const ms = Number(limit);
    if (!Number.isInteger(ms) || ms <= 0) throw new UsageError(`--time-limit must be a positive whole number of milliseconds (got '${limit}')`);
    options.timeLimitMs = ms;
  }
  const qemuIo = args.values.get('qemu-io')?.[0];
  if (qemuIo !== undefined && args.booleans.has('no-qemu-io')) throw new UsageError('--qemu-io and --no-qemu-io exclude each other');
  if (qemuIo !== undefined) options.qemuIoPath = qemuIo;
  if (args.booleans.has('no-qemu-io')) options.qemuIoPath = null;
  return { path: args.positionals[0], json: args.booleans.has('json'), options };
}

/** Exit 0 when the probe ran (whatever it found); 2 when it could not, or on bad usage. */
export async function probeCommand(argv: string[], io: CliIO): Promise<number> {
  let request: ProbeRequest;
  try {
    request = parseProbeArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`vmdisk probe: ${e.message}\n${PROBE_USAGE}\n`);
    return 2;
  }
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await probeImage(request.path, { ...request.options, signal: abort.signal });
    io.out(request.json ? `${JSON.stringify(report, null, 2)}\n` : formatProbeText(report));
    return 0;
  } catch (e) {
    if (!(e instanceof ProbeError)) throw e;
    io.err(`vmdisk probe: ${e.message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
