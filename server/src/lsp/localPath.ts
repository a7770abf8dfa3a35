/**
 * Whether a disk source names an image on this host, and where: absolute paths as they are,
 * relative ones against the document's directory (so only for `file:` documents).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type LocalPath = { ok: true; path: string; baseDir: string | undefined } | { ok: false; reason: string };

/** Source types whose "path" is not a file on this host. */
const NOT_LOCAL_TYPES = new Set(['network', 'volume', 'nvme', 'vhostuser', 'vhostvdpa', 'dir']);

/** `rbd:pool/image`, `nbd://host`, `json:{…}`, `gluster+tcp://…`: protocol syntax, not paths. */
const PROTOCOL = /^(?:[a-z][a-z0-9+.-]*:\/\/|json:|rbd:|nbd:|sheepdog:|gluster:|iscsi:|ssh:|vxhs:|nfs:)/i;

export function documentDir(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function localImagePath(documentUri: string, source: string, sourceType: string | null = null): LocalPath {
  const shown = JSON.stringify(source);
  if (sourceType && NOT_LOCAL_TYPES.has(sourceType)) {
    return { ok: false, reason: `${shown} is a ${sourceType} source, not a local path: there is no image file on this host to probe.` };
  }
  if (source.trim() === '') return { ok: false, reason: 'The disk has no source path to probe.' };
  if (PROTOCOL.test(source)) return { ok: false, reason: `${shown} is a network or protocol source, not a local path: there is no image file on this host to probe.` };
  if (/\$/.test(source)) return { ok: false, reason: `${shown} contains a shell variable, so it is not a local path vmdisk can resolve.` };
  const baseDir = documentDir(documentUri);
  if (isAbsolute(source)) return { ok: true, path: source, baseDir };
  if (!baseDir) {
    return { ok: false, reason: `${shown} is relative, and this document is not a file on this host (${documentUri.split(':')[0]}:), so it is not a local path vmdisk can resolve.` };
  }
  return { ok: true, path: resolve(baseDir, source), baseDir };
}
