/** The one error the probe throws: it could not probe at all. `message` is written for users. */
export type ProbeErrorCode =
  | 'empty-path'
  | 'not-found'
  | 'not-a-directory'
  | 'directory'
  | 'fifo'
  | 'socket'
  | 'char-device'
  | 'other-kind'
  | 'permission'
  | 'symlink-loop'
  | 'name-too-long'
  | 'timeout'
  | 'cancelled'
  | 'io-error';

export class ProbeError extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

/** A path as it appears in messages: JSON-quoted, so spaces, quotes and newlines stay visible. */
export function showPath(path: string): string {
  return JSON.stringify(path);
}
