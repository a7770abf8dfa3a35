/** `vmdisk lint`: analyse files and folders, print findings and each disk's effective flags. */
import { analyzeText, type Analysis } from '../../../shared/src/analyze';
import { ALL_CODES } from '../../../shared/src/rules';
import { DEFAULT_SETTINGS, SEVERITIES, type Environment, type MigrationExpectation, type RuleSeverity, type Settings } from '../../../shared/src/settings';
import { oneOf, parseArgs, UsageError } from './args';
import { collectTargets } from './files';
import { readText } from './readText';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import type { CliIO } from './io';
// fleet (issue 7): --connect URI… lints the domains of libvirt hosts through virsh.
import { FLEET_FLAGS, FLEET_USAGE, fleetRequestFrom } from './fleet/fleetArgs';
import { fleetLint } from './fleet/fleetLint';

export interface LintedFile {
  /** File path, or a location such as `libvirt://URI/domain` for definitions read from a host. */
  path: string;
  analysis: Analysis;
}

export const LINT_USAGE = `usage: vmdisk lint [--format text|json|sarif] [--environment production|development]
                   [--migration expected|unknown|never] [--rule CODE=SEVERITY]...
                   [--qemu-version V] [--libvirt-version V] PATH...
${FLEET_USAGE}`;

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintOptions {
  format: OutputFormat;
  settings: Partial<Settings>;
}

export function lintOptionsFrom(values: Map<string, string[]>): LintOptions {
  const format = oneOf<OutputFormat>('format', values.get('format')?.[0], ['text', 'json', 'sarif'], 'text');
  const environment = oneOf<Environment>('environment', values.get('environment')?.[0], ['production', 'development'], 'production');
  const migration = oneOf<MigrationExpectation>('migration', values.get('migration')?.[0], ['expected', 'unknown', 'never'], 'unknown');
  const rules: Record<string, RuleSeverity> = {};
  for (const r of values.get('rule') ?? []) {
    const [code, severity] = r.split('=');
    if (!ALL_CODES.includes(code)) throw new UsageError(`--rule: unknown rule code '${code}' (known: ${ALL_CODES.join(', ')})`);
    if (!SEVERITIES.includes(severity as RuleSeverity)) throw new UsageError(`--rule ${code}: severity must be one of ${SEVERITIES.join(', ')}`);
    rules[code] = severity as RuleSeverity;
  }
  const qemuVersion = version('qemu-version', values.get('qemu-version')?.[0], DEFAULT_SETTINGS.qemuVersion);
  const libvirtVersion = version('libvirt-version', values.get('libvirt-version')?.[0], DEFAULT_SETTINGS.libvirtVersion);
  return { format, settings: { environment, migration, rules, qemuVersion, libvirtVersion } };
}

function version(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!/^\d+(\.\d+){0,2}$/.test(value)) throw new UsageError(`--${name} must be a version like 7.2 or 6.3.0 (got '${value}')`);
  return value;
}

export const LINT_FLAGS = { values: ['format', 'environment', 'migration', 'rule', 'qemu-version', 'libvirt-version'], repeatable: ['rule'] } as const;

// fleet (issue 7): the flags of files and of connections together.
const LINT_AND_FLEET_FLAGS = {
  values: [...LINT_FLAGS.values, ...FLEET_FLAGS.values],
  repeatable: [...LINT_FLAGS.repeatable, ...FLEET_FLAGS.repeatable],
  booleans: FLEET_FLAGS.booleans,
};

export function lintCommand(argv: readonly string[], io: CliIO): number | Promise<number> {
  const args = parseArgs(argv, LINT_AND_FLEET_FLAGS);
  const options = lintOptionsFrom(args.values);
  // fleet (issue 7): with --connect, the domains of those hosts instead of files.
  const fleet = fleetRequestFrom(args.values, options, args.booleans);
  if (fleet) {
    if (args.positionals.length > 0) throw new UsageError('give files and folders, or --connect URIs, not both');
    return fleetLint(fleet.connects, fleet.options, io);
  }
  if (args.positionals.length === 0) throw new UsageError('vmdisk lint needs at least one file or folder');
  const { targets, errors } = collectTargets(args.positionals);
  const files: LintedFile[] = [];
  for (const target of targets) {
    let text: string;
    try {
      text = readText(target.path);
    } catch (e) {
      errors.push(`${target.path}: ${(e as Error).message}`);
      continue;
    }
    files.push({ path: target.path, analysis: analyzeText(text, { uri: target.path, languageId: target.languageId, settings: options.settings }) });
  }
  printLint(files, options.format, io);
  for (const e of errors) io.err(`vmdisk: ${e}\n`);
  return exitStatus(files, errors.length > 0);
}

export function printLint(files: readonly LintedFile[], format: OutputFormat, io: CliIO): void {
  if (format === 'json') io.out(formatJson(files) + '\n');
  else if (format === 'sarif') io.out(formatSarif(files) + '\n');
  else io.out(formatText(files));
}

/** 2 when anything could not be read, else 1 when any error-severity finding, else 0. */
export function exitStatus(files: readonly LintedFile[], readFailed: boolean): number {
  if (readFailed) return 2;
  return files.some((f) => f.analysis.findings.some((d) => d.severity === 'error')) ? 1 : 0;
}
