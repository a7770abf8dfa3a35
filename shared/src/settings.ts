/**
 * The one settings schema: defaults, validation and the VS Code `contributes.configuration`
 * entries all come from here (a test checks package.json against it).
 */
import type { Severity } from './model';

export type RuleSeverity = Severity | 'off';
export type Environment = 'production' | 'development';
export type MigrationExpectation = 'expected' | 'unknown' | 'never';

export interface Settings {
  environment: Environment;
  migration: MigrationExpectation;
  /** Target versions: rules about features that need a newer QEMU/libvirt use these. */
  qemuVersion: string;
  libvirtVersion: string;
  /** Per-rule severity overrides by rule code. */
  rules: Record<string, RuleSeverity>;
  probeTimeLimitMs: number;
  /** Path of `qemu-io` for the probe's cross-check; empty = search PATH. */
  qemuIoPath: string;
}

interface SettingSpec {
  /** Key under `vmdisk.` in VS Code and in `initializationOptions`/`workspace/configuration`. */
  key: string;
  field: keyof Settings;
  type: 'string' | 'number' | 'object';
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  default: unknown;
  description: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  scope: 'resource' | 'machine-overridable' | 'window';
}

export const SEVERITIES: readonly RuleSeverity[] = ['off', 'hint', 'information', 'warning', 'error'];

export const SETTINGS_SCHEMA: readonly SettingSpec[] = [
  {
    key: 'environment',
    field: 'environment',
    type: 'string',
    enum: ['production', 'development'],
    enumDescriptions: [
      'Guests hold data that must survive a host crash: unsafe cache modes are findings.',
      'Throw-away guests: cache=unsafe and similar speed-ups are fine.',
    ],
    default: 'production',
    description: 'What the guests of this workspace are. Production turns on the data-safety rules.',
    scope: 'resource',
  },
  {
    key: 'migration',
    field: 'migration',
    type: 'string',
    enum: ['expected', 'unknown', 'never'],
    enumDescriptions: [
      'Guests are live-migrated: settings that block migration are warnings.',
      'Not known: settings that block migration are reported as information.',
      'Guests are never live-migrated: migration rules are off.',
    ],
    default: 'unknown',
    description: 'Whether the guests are expected to be live-migrated between hosts.',
    scope: 'resource',
  },
  {
    key: 'target.qemuVersion',
    field: 'qemuVersion',
    type: 'string',
    default: '7.2',
    pattern: '^\\d+(\\.\\d+){0,2}$',
    description: 'Oldest QEMU version the configuration must work with (e.g. 4.2 or 8.2.0).',
    scope: 'resource',
  },
  {
    key: 'target.libvirtVersion',
    field: 'libvirtVersion',
    type: 'string',
    default: '9.0.0',
    pattern: '^\\d+(\\.\\d+){0,2}$',
    description: 'Oldest libvirt version the configuration must work with (e.g. 6.0.0).',
    scope: 'resource',
  },
  {
    key: 'rules',
    field: 'rules',
    type: 'object',
    default: {},
    description: 'Severity per rule code, e.g. {"migration-unsafe-cache": "error", "unsafe-cache-in-production": "off"}.',
    scope: 'resource',
  },
  {
    key: 'probe.timeLimit',
    field: 'probeTimeLimitMs',
    type: 'number',
    default: 10000,
    minimum: 1000,
    maximum: 120000,
    description: 'Upper bound in milliseconds for one native-I/O probe of an image.',
    scope: 'machine-overridable',
  },
  {
    key: 'probe.qemuIoPath',
    field: 'qemuIoPath',
    type: 'string',
    default: '',
    description: 'Path of qemu-io for the probe\'s cross-check with QEMU itself; empty searches PATH.',
    scope: 'machine-overridable',
  },
];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  SETTINGS_SCHEMA.map((s) => [s.field, s.default]),
) as unknown as Settings;

/**
 * Settings from any client: a `vmdisk` section object (nested `{target:{qemuVersion}}` or dotted keys),
 * possibly partial or wrong. Wrong values fall back to defaults, each with a message.
 */
export function resolveSettings(section: unknown): { settings: Settings; problems: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  const problems: string[] = [];
  if (section === null || typeof section !== 'object') return { settings, problems };
  const record = section as Record<string, unknown>;
  for (const spec of SETTINGS_SCHEMA) {
    const raw = lookup(record, spec.key);
    if (raw === undefined || raw === null) continue;
    const problem = checkValue(spec, raw);
    if (problem) problems.push(`vmdisk.${spec.key}: ${problem}; using ${JSON.stringify(spec.default)}`);
    else (settings as unknown as Record<string, unknown>)[spec.field] = spec.field === 'rules' ? { ...(raw as object) } : raw;
  }
  const rules: Record<string, RuleSeverity> = {};
  for (const [code, sev] of Object.entries(settings.rules)) {
    if (SEVERITIES.includes(sev)) rules[code] = sev;
    else problems.push(`vmdisk.rules.${code}: "${String(sev)}" is not one of ${SEVERITIES.join(', ')}`);
  }
  settings.rules = rules;
  return { settings, problems };
}

/** Merge partial settings over the defaults (for library callers that pass typed values). */
export function withDefaults(partial: Partial<Settings> | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...partial, rules: { ...(partial?.rules ?? {}) } };
}

function lookup(record: Record<string, unknown>, dottedKey: string): unknown {
  if (dottedKey in record) return record[dottedKey];
  let cur: unknown = record;
  for (const part of dottedKey.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function checkValue(spec: SettingSpec, raw: unknown): string | undefined {
  if (spec.type === 'object') return typeof raw === 'object' && !Array.isArray(raw) ? undefined : 'expected an object';
  if (typeof raw !== spec.type) return `expected a ${spec.type}`;
  if (spec.enum && !spec.enum.includes(raw as string)) return `"${String(raw)}" is not one of ${spec.enum.join(', ')}`;
  if (spec.pattern && !new RegExp(spec.pattern).test(raw as string)) return `"${String(raw)}" is not a version like 7.2.0`;
  if (typeof raw === 'number' && ((spec.minimum !== undefined && raw < spec.minimum) || (spec.maximum !== undefined && raw > spec.maximum)))
    return `${raw} is outside ${spec.minimum}…${spec.maximum}`;
  return undefined;
}

/** The `contributes.configuration.properties` object VS Code needs, derived from the schema. */
export function vscodeConfigurationProperties(): Record<string, Record<string, unknown>> {
  const props: Record<string, Record<string, unknown>> = {};
  for (const spec of SETTINGS_SCHEMA) {
    const p: Record<string, unknown> = { type: spec.type, default: spec.default, description: spec.description, scope: spec.scope };
    if (spec.enum) p.enum = [...spec.enum];
    if (spec.enumDescriptions) p.enumDescriptions = [...spec.enumDescriptions];
    if (spec.pattern) p.pattern = spec.pattern;
    if (spec.minimum !== undefined) p.minimum = spec.minimum;
    if (spec.maximum !== undefined) p.maximum = spec.maximum;
    if (spec.type === 'object') p.additionalProperties = { type: 'string', enum: [...SEVERITIES] };
    props[`vmdisk.${spec.key}`] = p;
  }
  return props;
}
