/**
 * What `vmdisk lint --connect URI --format json --include-xml` prints (docs/fleet.md), checked
 * as far as the extension relies on it: anything else is treated as no output, never thrown.
 */
export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface FleetFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
  range: LspRange;
}

export interface FleetFile {
  /** `libvirt://<URI>/<domain>[?live]`. */
  path: string;
  diagnostics: FleetFinding[];
  /** The XML the ranges refer to. */
  xml: string;
}

export interface FleetConnection {
  uri: string;
  ok: boolean;
  error?: string;
  remote: boolean;
  domains: { name: string; running: boolean }[];
}

export interface FleetOutput {
  files: FleetFile[];
  connections: FleetConnection[];
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint'];

export function parseFleetOutput(stdout: string): FleetOutput | undefined {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.files) || !Array.isArray(value.connections)) return undefined;
  if (!value.files.every(isFile) || !value.connections.every(isConnection)) return undefined;
  return { files: value.files, connections: value.connections };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(v: unknown): boolean {
  return isRecord(v) && Number.isInteger(v.line) && Number.isInteger(v.character);
}

function isFinding(v: unknown): v is FleetFinding {
  return (
    isRecord(v) &&
    typeof v.code === 'string' &&
    typeof v.message === 'string' &&
    SEVERITIES.includes(v.severity as string) &&
    isRecord(v.range) &&
    isPosition(v.range.start) &&
    isPosition(v.range.end)
  );
}

function isFile(v: unknown): v is FleetFile {
  return isRecord(v) && typeof v.path === 'string' && typeof v.xml === 'string' && Array.isArray(v.diagnostics) && v.diagnostics.every(isFinding);
}

function isConnection(v: unknown): v is FleetConnection {
  return (
    isRecord(v) &&
    typeof v.uri === 'string' &&
    typeof v.ok === 'boolean' &&
    typeof v.remote === 'boolean' &&
    (v.error === undefined || typeof v.error === 'string') &&
    Array.isArray(v.domains) &&
    v.domains.every((d) => isRecord(d) && typeof d.name === 'string' && typeof d.running === 'boolean')
  );
}
