/**
 * The body of the measuring worker thread. It runs as source text (`new Worker(src, {eval: true})`),
 * so it must stay self-contained: no imports, no references to anything outside this function.
 *
 * Why a worker: synchronous reads time the storage, not Node's thread-pool hand-off (~40 µs on a
 * 2 µs cached read), and a read that never returns (a hung NFS server) blocks only this thread,
 * which the main thread abandons at its deadline.
 *
 * Why WebAssembly.Memory: O_DIRECT needs the buffer address aligned too; a Node Buffer has no such
 * guarantee, a WebAssembly memory starts on a page boundary.
 */
import type { IoResult, WorkerInput, WorkerMessage } from './measureTasks';

export function measureWorkerBody(): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const fs = require('node:fs') as typeof import('node:fs');
  const input = workerData as WorkerInput;
  // Same as pageAlignedBuffer (alignedMemory.ts), inlined: this function may not reference other code.
  type WasmMemory = new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  const Memory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemory } }).WebAssembly.Memory;
  const buffer = new Uint8Array(new Memory({ initial: Math.max(1, Math.ceil(input.bufferBytes / 65536)) }).buffer);
  // Non-zero data, so storage that skips or compresses zeroes does not flatter the writes.
  let seed = 0x2545f491;
  for (let i = 0; i < buffer.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    buffer[i] = seed >>> 24;
  }
  input.tasks.forEach((task, index) => {
    const result: IoResult = { samplesUs: [], bytes: 0, elapsedUs: 0, cutShort: false };
    const start = process.hrtime.bigint();
    const budgetNs = BigInt(Math.max(1, Math.round(task.budgetMs))) * 1_000_000n;
    for (const offset of task.offsets) {
      const before = process.hrtime.bigint();
      if (before - start >= budgetNs) {
        result.cutShort = true;
        break;
      }
      try {
        const moved =
          task.op === 'read'
            ? fs.readSync(task.fd, buffer, 0, task.blockSize, offset)
            : fs.writeSync(task.fd, buffer, 0, task.blockSize, offset);
        if (task.op === 'write+fdatasync') fs.fdatasyncSync(task.fd);
        result.samplesUs.push(Number(process.hrtime.bigint() - before) / 1000);
        result.bytes += moved;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        result.errorCode = err.code ?? 'ERROR';
        result.errorMessage = err.message;
        break;
      }
    }
    result.elapsedUs = Number(process.hrtime.bigint() - start) / 1000;
    const message: WorkerMessage = { index, result };
    parentPort?.postMessage(message);
  });
}
