/**
 * The lint output of files, plus what each connection answered: `connections` next to `files`
 * in JSON, an invocation with tool execution notifications in SARIF, a line per host in text.
 * Failures also go to stderr, `vmdisk: URI: message` each. With `--include-xml`, each JSON file
 * also holds the XML it was linted from.
 */
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import type { CliIO } from '../io';
import type { LintedFile, OutputFormat } from '../lint';
import type { HostResult } from './collectHost';
import { isRemoteUri } from './location';

interface ConnectionReport {
  uri: string;
  ok: boolean;
  error?: string;
  /** The images are on another host: the probe cannot run from here. */
  remote: boolean;
  domains: { name: string; running: boolean }[];
}

export function printFleet(hosts: readonly HostResult[], files: readonly LintedFile[], format: OutputFormat, io: CliIO, includeXml = false): void {
  const connections = hosts.map(connectionReport);
  if (format === 'json') io.out(JSON.stringify({ ...jsonFiles(files, includeXml), connections }) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(withInvocation(JSON.parse(formatSarif(files)), connections)) + '\n');
  else io.out(hosts.map(hostLine).join('') + formatText(files));
  for (const host of hosts) for (const e of host.errors) io.err(`vmdisk: ${host.uri}: ${e}\n`);
}

/** `--include-xml`: the text each file's positions refer to, so a client can show it without asking the host again. */
function jsonFiles(files: readonly LintedFile[], includeXml: boolean): { files: Record<string, unknown>[] } {
  const json = JSON.parse(formatJson(files)) as { files: Record<string, unknown>[] };
  if (includeXml) json.files.forEach((file, i) => (file.xml = files[i].analysis.text));
  return json;
}

function connectionReport(host: HostResult): ConnectionReport {
  return {
    uri: host.uri,
    ok: host.errors.length === 0,
    ...(host.errors.length > 0 ? { error: host.errors.join('; ') } : {}),
    remote: isRemoteUri(host.uri),
    domains: host.domains.map((d) => ({ name: d.name, running: d.running })),
  };
}

function hostLine(host: HostResult): string {
  const remote = isRemoteUri(host.uri) ? ' (remote host: probe not available)' : '';
  const failure = host.errors.join('; ');
  if (!host.connected) return `${host.uri}: not checked: ${failure}${remote}\n`;
  const running = host.domains.filter((d) => d.running).length;
  const count = `${host.domains.length} domain${host.domains.length === 1 ? '' : 's'}, ${running} running`;
  return `${host.uri}: ${count}${failure ? `; ${failure}` : ''}${remote}\n`;
}

interface SarifLog {
  runs: Record<string, unknown>[];
}

function withInvocation(sarif: SarifLog, connections: readonly ConnectionReport[]): SarifLog {
  const failed = connections.filter((c) => !c.ok);
  sarif.runs[0].invocations = [{
    executionSuccessful: failed.length === 0,
    toolExecutionNotifications: failed.map((c) => ({
      level: 'error',
      message: { text: `${c.uri}: ${c.error}` },
      properties: { connection: c.uri },
    })),
  }];
  return sarif;
}
