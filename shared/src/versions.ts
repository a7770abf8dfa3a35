/** Version facts as data: which QEMU/libvirt first behaves a certain way. */

export const VERSION_FACTS = {
  /** QEMU refuses aio=native without cache.direct=on from here on; older ones fell back to threads. */
  qemuRefusesNativeWithoutDirect: '2.6',
  qemuIoUring: '5.0',
  libvirtIoUring: '6.3.0',
  /** libvirt accepts cache='directsync' / 'unsafe' from these versions. */
  libvirtDirectsync: '0.9.5',
  libvirtUnsafe: '0.9.7',
} as const;

/** Compare dotted versions numerically: -1, 0 or 1. Missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * `atLeast` answers by minimum, then by version. Rules ask the same few questions for every disk
 * (the target version against a handful of facts), so each pair is compared once.
 */
const AT_LEAST = new Map<string, Map<string, boolean>>();
/** Versions remembered per minimum; beyond this the table starts over (settings typed one by one). */
const MAX_REMEMBERED = 64;

export function atLeast(version: string, minimum: string): boolean {
  let byVersion = AT_LEAST.get(minimum);
  if (byVersion === undefined) {
    if (AT_LEAST.size >= MAX_REMEMBERED) AT_LEAST.clear();
    byVersion = new Map();
    AT_LEAST.set(minimum, byVersion);
  }
  let answer = byVersion.get(version);
  if (answer === undefined) {
    answer = compareVersions(version, minimum) >= 0;
    if (byVersion.size >= MAX_REMEMBERED) byVersion.clear();
    byVersion.set(version, answer);
  }
  return answer;
}
