/** Runs measuring tasks in a worker thread under a deadline; the main thread never blocks on storage. */
import { Worker } from 'node:worker_threads';
import type { IoResult, IoTask, WorkerInput, WorkerMessage } from './measureTasks';
import { measureWorkerBody } from './measureWorkerBody';

export type RunEnd = 'done' | 'timeout' | 'aborted' | 'failed';

export interface RunOutcome {
  /** One entry per task; undefined for tasks that did not finish. */
  results: (IoResult | undefined)[];
  end: RunEnd;
  /** Why the worker failed, when `end` is `failed`. */
  error?: string;
  /**
   * Resolves once the worker thread is gone. Until then it may still be inside a read or write
   * on the tasks' descriptors, so they must stay open (a closed number could be reused by
   * another file and written to).
   */
  exited: Promise<void>;
}

export interface RunOptions {
  /** Wall-clock limit for all tasks together, worker start-up included. */
  timeoutMs: number;
  signal?: AbortSignal;
  onResult?: (index: number, result: IoResult) => void;
}

const WORKER_SOURCE = `(${measureWorkerBody.toString()})()`;

export function runMeasurements(tasks: IoTask[], options: RunOptions): Promise<RunOutcome> {
  const results: (IoResult | undefined)[] = tasks.map(() => undefined);
  if (tasks.length === 0 || options.signal?.aborted) {
    return Promise.resolve({ results, end: tasks.length === 0 ? 'done' : 'aborted', exited: Promise.resolve() });
  }
  const bufferBytes = Math.max(...tasks.map((t) => t.blockSize));
  const input: WorkerInput = { tasks, bufferBytes };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
  // A worker stuck in a read of dead storage must not keep the process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A late error from an abandoned worker must not become an unhandled 'error' event.
  worker.on('error', () => undefined);
  return new Promise<RunOutcome>((resolve) => {
    let finished = 0;
    let settled = false;
    const finish = (end: RunEnd, error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      if (end !== 'done') void worker.terminate();
      resolve(error === undefined ? { results, end, exited } : { results, end, error, exited });
    };
    const onAbort = (): void => finish('aborted');
    const onMessage = (message: WorkerMessage): void => {
      results[message.index] = message.result;
      options.onResult?.(message.index, message.result);
      if (++finished === tasks.length) finish('done');
    };
    const timer = setTimeout(() => finish('timeout'), Math.max(1, options.timeoutMs));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage);
    worker.once('error', (e) => finish('failed', e.message));
    worker.once('exit', (code) => finish(finished === tasks.length ? 'done' : 'failed', `the measuring thread exited early (code ${code})`));
  });
}
