import type { Disk, OptionGroup, Setting } from '../model';
import { VALUE_SETS } from '../modes';
import { BLOCK_DRIVERS } from '../parse/qemu/drivers';
import { replaceValue } from './edits';
import { closest } from './closest';
import { NO_FINDINGS } from './none';
import type { Fix, Rule, RuleFinding } from './types';

type CheckSpec =
  | { values: readonly string[]; exact?: boolean; refusal?: (value: string) => string }
  | { jsonType: 'boolean' | 'string' | 'object' }
  | { refused: string };
/** One shape for every kind of check, so the lookups on the hot path stay monomorphic. */
interface Check {
  values: readonly string[] | undefined;
  /** The valid values as a set too: every value of every disk is looked up. */
  valid: ReadonlySet<string> | undefined;
  jsonType: 'boolean' | 'string' | 'object' | undefined;
  refused: string | undefined;
  /** Checked only as written, never as the last part of a dotted key (`encrypt.format` is no block driver). */
  exact: boolean;
  /** QEMU's own words for a value outside the list. */
  refusal: ((value: string) => string) | undefined;
}
/** By key: a Map, so looking up a key of the document never meets Object's own members. */
type Checks = ReadonlyMap<string, Check>;

function checks(record: Record<string, CheckSpec>): Checks {
  return new Map(
    Object.entries(record).map(([key, spec]): [string, Check] => {
      const values = 'values' in spec ? spec.values : undefined;
      const check: Check = {
        values,
        valid: values && new Set(values),
        jsonType: 'jsonType' in spec ? spec.jsonType : undefined,
        refused: 'refused' in spec ? spec.refused : undefined,
        exact: 'exact' in spec && spec.exact === true,
        refusal: 'refusal' in spec ? spec.refusal : undefined,
      };
      return [key, check];
    }),
  );
}

const XML_CHECKS: Checks = checks({
  cache: { values: VALUE_SETS.xmlCache },
  io: { values: VALUE_SETS.xmlIo },
  discard: { values: VALUE_SETS.xmlDiscard },
  detect_zeroes: { values: VALUE_SETS.xmlDetectZeroes },
  copy_on_read: { values: VALUE_SETS.xmlOnOff },
});

const KEYVAL_RECORD: Record<string, CheckSpec> = {
  cache: { values: VALUE_SETS.qemuCache },
  aio: { values: VALUE_SETS.qemuAio },
  'cache.direct': { values: VALUE_SETS.qemuBool },
  'cache.no-flush': { values: VALUE_SETS.qemuBool },
  'cache.writeback': { values: VALUE_SETS.qemuBool },
  'write-cache': { values: VALUE_SETS.writeCache },
  discard: { values: VALUE_SETS.qemuDiscard },
  'detect-zeroes': { values: VALUE_SETS.qemuDetectZeroes },
  snapshot: { values: VALUE_SETS.qemuBool },
  readonly: { values: VALUE_SETS.qemuBool },
  'read-only': { values: VALUE_SETS.qemuBool },
  'copy-on-read': { values: VALUE_SETS.qemuBool },
};

/**
 * `-blockdev` has no cache-mode word and no `cache.writeback` (the guest's write cache belongs to the
 * device): QEMU refuses both (observed with QEMU 7.2).
 */
const BLOCKDEV_REFUSALS: Record<string, CheckSpec> = {
  cache: { refused: "a -blockdev takes no cache mode (\"Invalid parameter type for 'cache', expected: object\"); set cache.direct and cache.no-flush instead" },
  'cache.writeback': { refused: "a -blockdev has no cache.writeback (\"Parameter 'cache.writeback' is unexpected\"); the guest's write cache is the device's write-cache option" },
};

/**
 * Block driver names, in the drive's and the nodes' options (`file.driver` too), never in a
 * device's (its `driver=` is the device type). QEMU's words differ: `-drive` looks the name up
 * itself, `-blockdev` has QAPI check its enum (both observed with QEMU 7.2).
 */
const DRIVE_DRIVERS: Record<string, CheckSpec> = {
  driver: { values: BLOCK_DRIVERS, refusal: (value) => `Unknown driver '${value}'` },
  format: { values: BLOCK_DRIVERS, exact: true, refusal: (value) => `Unknown driver '${value}'` },
};
const BLOCKDEV_DRIVERS: Record<string, CheckSpec> = {
  driver: { values: BLOCK_DRIVERS, refusal: (value) => `Parameter 'driver' does not accept value '${value}'` },
};

const KEYVAL_CHECKS: Checks = checks(KEYVAL_RECORD);
const WRITE_CACHE_CHECK = KEYVAL_CHECKS.get('write-cache')!;
const DRIVE_KEYVAL_CHECKS: Checks = checks({ ...KEYVAL_RECORD, ...DRIVE_DRIVERS });
const BLOCKDEV_KEYVAL_CHECKS: Checks = checks({ ...KEYVAL_RECORD, ...BLOCKDEV_REFUSALS, ...BLOCKDEV_DRIVERS });

/** In JSON, QEMU's QAPI types are strict: booleans must be JSON booleans, `cache` an object. */
const JSON_RECORD: Record<string, CheckSpec> = {
  cache: { jsonType: 'object' },
  'cache.writeback': BLOCKDEV_REFUSALS['cache.writeback'],
  'cache.direct': { jsonType: 'boolean' },
  'cache.no-flush': { jsonType: 'boolean' },
  'read-only': { jsonType: 'boolean' },
  aio: { values: VALUE_SETS.qemuAio },
  discard: { values: VALUE_SETS.qemuDiscard },
  'detect-zeroes': { values: VALUE_SETS.qemuDetectZeroes },
  'write-cache': { values: VALUE_SETS.writeCache },
};
const JSON_CHECKS: Checks = checks(JSON_RECORD);
const BLOCKDEV_JSON_CHECKS: Checks = checks({ ...JSON_RECORD, ...BLOCKDEV_DRIVERS });

/** Longer lists (block drivers) are not spelt out in a message, nor offered one fix per value. */
const MAX_LISTED = 12;

/** libvirt rejects unknown attribute values when parsing the XML; QEMU rejects unknown option values at start. */
export const invalidValue: Rule = {
  code: 'invalid-value',
  defaultSeverity: 'error',
  summary: 'A cache, io/aio, discard, detect-zeroes, boolean or block driver value that libvirt or QEMU rejects',
  hasFix: true,
  check(disk) {
    let findings: RuleFinding[] | undefined;
    const { driver, device } = disk.groups;
    if (driver) findings = checkGroup(driver, disk, findings);
    if (device && device !== driver) findings = checkGroup(device, disk, findings);
    if (disk.nodes.length > 0) {
      const seen: OptionGroup[] = [];
      if (driver) seen.push(driver);
      if (device) seen.push(device);
      for (const node of disk.nodes) {
        if (seen.includes(node.group)) continue;
        seen.push(node.group);
        findings = checkGroup(node.group, disk, findings);
      }
    }
    // QEMU checks a -global's value when it gives it to a device (`can't apply global …`).
    const global = disk.globalWriteCache;
    if (global && !global.expanded && !WRITE_CACHE_CHECK.valid!.has(global.value)) {
      const finding = checkSetting(global, 'write-cache', WRITE_CACHE_CHECK, disk);
      if (finding) (findings ??= []).push(finding);
    }
    return findings ?? NO_FINDINGS;
  },
};

/** The findings of one group's settings, appended to `findings` (made when the first one comes). */
function checkGroup(group: OptionGroup, disk: Disk, findings: RuleFinding[] | undefined): RuleFinding[] | undefined {
  const checks = checksOf(group);
  for (const setting of group.settings) {
    // `aio=$AIO`: the shell decides the value.
    if (setting.expanded) continue;
    const own = checks.get(setting.key);
    const key = own ? setting.key : localKey(setting.key, checks);
    if (key === undefined) continue;
    const check = own ?? checks.get(key)!;
    if (check.exact && !own) continue;
    // The common case: a valid value of a key with a list of them.
    if (check.valid?.has(setting.value)) continue;
    const finding = checkSetting(setting, key, check, disk);
    if (finding) (findings ??= []).push(finding);
  }
  return findings;
}

function checksOf(group: OptionGroup): Checks {
  if (group.form === 'xml') return XML_CHECKS;
  if (group.form === 'json') return group.kind === '-blockdev' ? BLOCKDEV_JSON_CHECKS : JSON_CHECKS;
  if (group.kind === '-blockdev') return BLOCKDEV_KEYVAL_CHECKS;
  return group.kind === '-drive' ? DRIVE_KEYVAL_CHECKS : KEYVAL_CHECKS;
}

/** `file.aio` checks as `aio`; `cache.direct` stays itself (the last two dotted parts, else the last). */
function localKey(key: string, checks: Checks): string | undefined {
  const last = key.lastIndexOf('.');
  if (last < 0) return undefined;
  const beforeLast = key.lastIndexOf('.', last - 1);
  const two = beforeLast < 0 ? key : key.slice(beforeLast + 1);
  if (two !== key && checks.has(two)) return two;
  const one = key.slice(last + 1);
  return checks.has(one) ? one : undefined;
}

/** The finding for a value that is not in the check's list (or has the wrong JSON type, or is refused). */
function checkSetting(setting: Setting, key: string, check: Check, disk: Disk): RuleFinding | undefined {
  const where = disk.syntax === 'libvirt-xml' ? 'libvirt rejects the XML' : 'QEMU refuses to start';
  if (check.refused !== undefined) {
    if (key === 'cache' && setting.jsonType === 'object') return undefined;
    return { message: `${setting.key} is not valid here: ${check.refused}. ${where}.`, span: setting.keySpan };
  }
  if (check.jsonType !== undefined) {
    if (setting.jsonType === check.jsonType) return undefined;
    const asBoolean = check.jsonType === 'boolean' && setting.jsonType === 'string' && ['on', 'off', 'true', 'false'].includes(setting.value);
    const b = setting.value === 'on' || setting.value === 'true';
    const fixes = (): Fix[] => (asBoolean ? [{ title: `Use ${b}`, edits: [{ span: setting.span, newText: String(b) }], preferred: true }] : []);
    return {
      message: `"${key}" must be a JSON ${check.jsonType} here, not ${setting.jsonType ?? 'this'}: ${where} ("Invalid parameter type for '${key}', expected: ${check.jsonType}").`,
      span: setting.span,
      fixes,
    };
  }
  const value = setting.value;
  const values = check.values ?? [];
  const suggestion = value === '' ? undefined : closest(value.trim().toLowerCase(), values);
  const listed = values.length <= MAX_LISTED;
  const fixes = (): Fix[] =>
    suggestion
      ? [{ title: `Change to '${suggestion}'`, edits: [replaceValue(setting, suggestion)], preferred: true }]
      : value === '' && listed
        ? values.map((v) => ({ title: `Use '${v}'`, edits: [replaceValue(setting, v)] }))
        : [];
  const alone = value === 'off' ? `no${setting.key}` : setting.key;
  const shown = value === '' ? 'an empty value' : setting.bare ? `'${alone}' alone means ${setting.key}=${value}, and '${value}'` : `'${value}'`;
  const quoted = check.refusal ? ` ("${check.refusal(value)}")` : '';
  const valid = listed ? `Valid values: ${values.join(', ')}.` : suggestion ? `Did you mean '${suggestion}'?` : `The rule's page lists the ${values.length} valid values.`;
  return {
    message: `${shown} is not a valid ${key} value: ${where}${quoted}. ${valid}`,
    span: value === '' ? setting.keySpan : setting.span,
    fixes,
  };
}
