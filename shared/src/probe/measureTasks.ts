/** What the measuring worker is asked to do and what it answers (plain data, passed via workerData/postMessage). */

export interface IoTask {
  /** Open file descriptor (process-wide; the main thread opened it and closes it). */
  fd: number;
  op: 'read' | 'write' | 'write+fdatasync';
  blockSize: number;
  offsets: number[];
  /** Stop after this long even when offsets remain. */
  budgetMs: number;
}

export interface IoResult {
  /** Latency of each completed operation, in microseconds. */
  samplesUs: number[];
  bytes: number;
  elapsedUs: number;
  /** The run used up its time budget before its last offset. */
  cutShort: boolean;
  /** errno code of the operation that stopped the run early (e.g. `EINVAL`, `EIO`). */
  errorCode?: string;
  errorMessage?: string;
}

export interface WorkerInput {
  tasks: IoTask[];
  /** Bytes of page-aligned memory to allocate for the largest block. */
  bufferBytes: number;
}

export interface WorkerMessage {
  index: number;
  result: IoResult;
}
