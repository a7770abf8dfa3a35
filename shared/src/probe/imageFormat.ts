/** Image format from header bytes, as QEMU's and libvirt's probes recognise them. */
import type { FormatDetails, ImageFormat } from './types';

/** Bytes of the header the detection needs (vdi's magic sits at 0x40). */
export const HEADER_BYTES = 512;

/** QEMU refuses qcow2 backing file names longer than this. */
export const QCOW2_MAX_BACKING_NAME = 1023;

function startsWith(header: Uint8Array, at: number, bytes: readonly number[]): boolean {
  if (header.length < at + bytes.length) return false;
  return bytes.every((b, i) => header[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

export interface DetectedFormat {
  format: ImageFormat;
  details: FormatDetails;
  /** For qcow/qcow2 with a backing file: where its name is stored, to be read separately. */
  backingName?: { offset: number; size: number };
}

function view(header: Uint8Array): DataView {
  return new DataView(header.buffer, header.byteOffset, header.byteLength);
}

function qcowDetails(header: Uint8Array): DetectedFormat {
  const dv = view(header);
  const version = header.length >= 8 ? dv.getUint32(4) : 0;
  const format: ImageFormat = version === 1 ? 'qcow' : 'qcow2';
  if (header.length < 32) return { format, details: { version } };
  const backingOffset = Number(dv.getBigUint64(8));
  const backingSize = dv.getUint32(16);
  // qcow v1 keeps the size at 24 too, but as the first field after a 32-bit mtime at 20.
  const virtualSize = Number(dv.getBigUint64(24));
  const details: FormatDetails = { version, backingFile: null, virtualSize };
  const hasBacking = backingOffset > 0 && backingSize > 0 && backingSize <= QCOW2_MAX_BACKING_NAME;
  return hasBacking ? { format, details, backingName: { offset: backingOffset, size: backingSize } } : { format, details };
}

export function detectImageFormat(header: Uint8Array): DetectedFormat {
  if (startsWith(header, 0, [0x51, 0x46, 0x49, 0xfb])) return qcowDetails(header);
  if (startsWith(header, 0, ascii('KDMV')) || startsWith(header, 0, ascii('# Disk DescriptorFile'))) {
    return { format: 'vmdk', details: {} };
  }
  if (startsWith(header, 0x40, [0x7f, 0x10, 0xda, 0xbe])) return { format: 'vdi', details: {} };
  if (startsWith(header, 0, ascii('vhdxfile'))) return { format: 'vhdx', details: {} };
  if (startsWith(header, 0, [0x51, 0x45, 0x44, 0x00])) return { format: 'qed', details: {} };
  return { format: 'raw', details: {} };
}

/** The backing file name bytes (UTF-8 as QEMU writes them). */
export function decodeBackingName(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Only raw and qcow2 images can live-migrate (SUSE/qemu-kvm guidance). */
export function isMigratableFormat(format: ImageFormat): boolean {
  return format === 'raw' || format === 'qcow2';
}
