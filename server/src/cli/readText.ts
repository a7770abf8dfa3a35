/** Files as an editor would read them: UTF-8 by default, UTF-16 by its byte order mark, the BOM itself dropped. */
import { readFileSync } from 'node:fs';

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // TextDecoder drops a leading UTF-8 BOM, so positions match what editors show.
  return new TextDecoder('utf-8').decode(bytes);
}

export function readText(path: string): string {
  return decodeText(readFileSync(path));
}
