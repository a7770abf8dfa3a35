/**
 * What completion offers for each option, in each syntax, with a one-line meaning per value.
 * Value lists come from `VALUE_SETS`; cache and AIO meanings from the mode table itself.
 */
import { AIO_MODES, CACHE_MODES, VALUE_SETS, type AioModeName, type CacheModeName } from '../modes';

export interface ValueChoice {
  value: string;
  meaning: string;
  /** Longer Markdown for the completion's documentation, when there is more to say. */
  details?: string;
}

/** How a value is written: `xml` attribute, `keyval` option, a JSON string, or a JSON boolean. */
export type ValueForm = 'xml' | 'keyval' | 'json-string' | 'json-boolean';

function cacheChoice(value: string): ValueChoice {
  const mode = CACHE_MODES[value as CacheModeName];
  if (mode) return { value, meaning: mode.summary, details: `${mode.useWhen}\n\nLost on a host crash: ${mode.onHostCrash}.` };
  if (value === 'off') return { value, meaning: `same as none: ${CACHE_MODES.none.summary}` };
  return { value, meaning: `no cache mode: QEMU's default (${CACHE_MODES.writeback.summary})` };
}

function aioChoice(value: string): ValueChoice {
  const mode = AIO_MODES[value as AioModeName];
  if (mode) return { value, meaning: mode.summary, details: `Accepted since QEMU ${mode.since.qemu} / libvirt ${mode.since.libvirt}.` };
  return { value, meaning: `QEMU's default (${AIO_MODES.threads.name}: ${AIO_MODES.threads.summary})` };
}

const DISCARD_MEANINGS: Record<string, string> = {
  default: "QEMU's default: discard requests are ignored",
  unmap: "pass the guest's discard/TRIM requests to the image, freeing space",
  on: "same as unmap: pass the guest's discard/TRIM requests to the image",
  ignore: 'drop discard requests; the image never shrinks',
  off: 'same as ignore: drop discard requests',
};

const DETECT_ZEROES_MEANINGS: Record<string, string> = {
  default: "QEMU's default: off",
  off: 'write zeroes like any other data',
  on: 'detect all-zero writes and turn them into efficient zero writes',
  unmap: 'detect all-zero writes and discard them (needs discard unmap)',
};

const ON_OFF = (on: string, off: string): ValueChoice[] => [
  { value: 'on', meaning: on },
  { value: 'off', meaning: off },
];

const TRUE_FALSE = (on: string, off: string): ValueChoice[] => [
  { value: 'true', meaning: on },
  { value: 'false', meaning: off },
];

const COPY_ON_READ = ['copy data read from a backing image into the top image', 'read from the backing image without copying'] as const;
const DIRECT = ['open the image with O_DIRECT: the host page cache is bypassed', 'use the host page cache'] as const;
const NO_FLUSH = ['ignore guest flushes (as cache=unsafe does): anything may be lost on a host crash', 'honour guest flushes'] as const;
const WRITEBACK = ['the guest sees a write cache and must flush', 'every write completes only once on storage (writethrough)'] as const;
const WRITE_CACHE: ValueChoice[] = [
  { value: 'on', meaning: 'the guest sees a write cache and must flush, whatever the drive says' },
  { value: 'off', meaning: 'every write completes only once on storage, whatever the drive says' },
  { value: 'auto', meaning: "keep what the drive's cache mode says (-blockdev: write cache on)" },
];
const READ_ONLY = ['the guest cannot write to the disk', 'the guest can write to the disk'] as const;
const SNAPSHOT = ['writes go to a temporary overlay that is discarded when QEMU exits', 'writes go to the image'] as const;

const from = (values: readonly string[], meanings: Record<string, string>): ValueChoice[] =>
  values.map((value) => ({ value, meaning: meanings[value] ?? value }));

/** Completable options by syntax; QEMU keys are local keys (`file.aio` completes as `aio`). */
const XML_VALUES: Record<string, ValueChoice[]> = {
  cache: VALUE_SETS.xmlCache.map(cacheChoice),
  io: VALUE_SETS.xmlIo.map(aioChoice),
  discard: from(VALUE_SETS.xmlDiscard, DISCARD_MEANINGS),
  detect_zeroes: from(VALUE_SETS.xmlDetectZeroes, DETECT_ZEROES_MEANINGS),
  copy_on_read: ON_OFF(...COPY_ON_READ),
};

const KEYVAL_VALUES: Record<string, ValueChoice[]> = {
  cache: VALUE_SETS.qemuCache.map(cacheChoice),
  aio: VALUE_SETS.qemuAio.map(aioChoice),
  discard: from(VALUE_SETS.qemuDiscard, DISCARD_MEANINGS),
  'detect-zeroes': from(VALUE_SETS.qemuDetectZeroes, DETECT_ZEROES_MEANINGS),
  'copy-on-read': ON_OFF(...COPY_ON_READ),
  'cache.direct': ON_OFF(...DIRECT),
  'cache.no-flush': ON_OFF(...NO_FLUSH),
  'cache.writeback': ON_OFF(...WRITEBACK),
  'write-cache': WRITE_CACHE,
  'read-only': ON_OFF(...READ_ONLY),
  readonly: ON_OFF(...READ_ONLY),
  snapshot: ON_OFF(...SNAPSHOT),
};

/** JSON `-blockdev`/`-device`: QAPI strings and booleans; `cache` is an object with `direct` and `no-flush`. */
const JSON_STRING_VALUES: Record<string, ValueChoice[]> = {
  aio: KEYVAL_VALUES.aio,
  discard: KEYVAL_VALUES.discard,
  'detect-zeroes': KEYVAL_VALUES['detect-zeroes'],
  'write-cache': WRITE_CACHE,
};

const JSON_BOOLEAN_VALUES: Record<string, ValueChoice[]> = {
  direct: TRUE_FALSE(...DIRECT),
  'no-flush': TRUE_FALSE(...NO_FLUSH),
  'read-only': TRUE_FALSE(...READ_ONLY),
};

const TABLES: Record<ValueForm, Record<string, ValueChoice[]>> = {
  xml: XML_VALUES,
  keyval: KEYVAL_VALUES,
  'json-string': JSON_STRING_VALUES,
  'json-boolean': JSON_BOOLEAN_VALUES,
};

/** The choices for `key` written in `form`; dotted QEMU keys fall back to their last one or two parts. */
export function valueChoices(form: ValueForm, key: string): ValueChoice[] | undefined {
  const table = TABLES[form];
  // Own keys only: user text such as `toString` must not reach Object.prototype.
  if (form !== 'keyval') return Object.hasOwn(table, key) ? table[key] : undefined;
  const parts = key.split('.');
  for (let n = Math.min(2, parts.length); n >= 1; n--) {
    const local = parts.slice(parts.length - n).join('.');
    if (Object.hasOwn(table, local)) return table[local];
  }
  return undefined;
}

export interface AttributeChoice {
  name: string;
  meaning: string;
}

/** Attributes of libvirt's `<driver>` element that vmdisk knows about. */
export const DRIVER_ATTRIBUTES: readonly AttributeChoice[] = [
  { name: 'name', meaning: "hypervisor driver: 'qemu'" },
  { name: 'type', meaning: 'image format: raw, qcow2, …' },
  { name: 'cache', meaning: 'cache mode: host page cache, O_DIRECT, write cache and flushes' },
  { name: 'io', meaning: 'AIO mode: threads, native (needs O_DIRECT) or io_uring' },
  { name: 'discard', meaning: 'pass guest discard/TRIM requests to the image (unmap) or not (ignore)' },
  { name: 'detect_zeroes', meaning: 'detect all-zero writes (off, on, unmap)' },
  { name: 'copy_on_read', meaning: 'copy data read from a backing image into the top image' },
];
