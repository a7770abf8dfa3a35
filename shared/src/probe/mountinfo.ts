/** Reading /proc/self/mountinfo text (proc(5)): which mount a path lives on, and its type. */

export interface MountEntry {
  /** `major:minor` of the mounted file system (what stat's st_dev says for files on it). */
  device: string;
  mountPoint: string;
  /** File system type as the kernel names it: `ext4`, `tmpfs`, `fuse.glusterfs`, `fuse`, … */
  fsType: string;
  source: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal `\040` etc. */
function unescapeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    if (fields.length < 10 || dash < 0 || dash + 2 >= fields.length) continue;
    entries.push({
      device: fields[2],
      mountPoint: unescapeOctal(fields[4]),
      fsType: unescapeOctal(fields[dash + 1]),
      source: unescapeOctal(fields[dash + 2]),
    });
  }
  return entries;
}

function isUnder(path: string, mountPoint: string): boolean {
  if (mountPoint === '/') return path.startsWith('/');
  return path === mountPoint || path.startsWith(`${mountPoint}/`);
}

/**
 * The mount a resolved path is on: the deepest mount point above it, preferring entries whose
 * device matches the file's st_dev, and the later entry when one mount hides another.
 */
export function findMount(entries: readonly MountEntry[], realPath: string, device?: string): MountEntry | undefined {
  const above = entries.filter((e) => isUnder(realPath, e.mountPoint));
  const sameDevice = device === undefined ? [] : above.filter((e) => e.device === device);
  const pool = sameDevice.length > 0 ? sameDevice : above;
  let best: MountEntry | undefined;
  for (const e of pool) if (!best || e.mountPoint.length >= best.mountPoint.length) best = e;
  return best;
}

/** `fuse.glusterfs` → `glusterfs`; `fuse`/`fuseblk` → undefined. */
export function fuseSubtypeOf(fsType: string): string | undefined {
  return fsType.startsWith('fuse.') ? fsType.slice('fuse.'.length) : undefined;
}

/** Linux dev_t (as Node's stat gives it) → `major:minor`, the form mountinfo uses. */
export function deviceNumber(dev: number | bigint): string {
  const d = BigInt(dev);
  const major = ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  const minor = (d & 0xffn) | ((d >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}
