/** The read and write measurements: which runs, on which descriptors, with what budget; results as latencies. */
import type { promises } from 'node:fs';
import type { IoResult, IoTask } from './measureTasks';
import { alignedBlock, LIMITS, randomOffsets, seededRandom, sequentialOffsets } from './measurePlan';
import { runMeasurements, type RunEnd } from './measureRunner';
import { summarize } from './stats';
import type { Latencies, LatencyStats } from './types';

type FileHandle = promises.FileHandle;

export interface MeasureInput {
  size: number;
  /** O_DIRECT alignment; null when O_DIRECT does not work. */
  alignment: number | null;
  buffered: FileHandle;
  direct: FileHandle | null;
  writes: { dsync: FileHandle; directDsync: FileHandle | null; plain: FileHandle } | null;
  budgetMs: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface MeasureOutput {
  latency: Latencies;
  end: RunEnd;
  /** Some run stopped at its time budget before its last operation. */
  cutShort: boolean;
  notes: string[];
  /** Resolves when no thread uses the descriptors any more. */
  idle: Promise<void>;
}

type LatencyKey = keyof Latencies;

interface PlannedRun {
  key: LatencyKey;
  label: string;
  task: IoTask;
  pattern: LatencyStats['pattern'];
  /** Share of the time budget. */
  weight: number;
}

const EMPTY_LATENCIES: Latencies = {
  directRead: null,
  directReadSequential: null,
  bufferedRead: null,
  bufferedReadSequential: null,
  dsyncWrite: null,
  directDsyncWrite: null,
  writeFdatasync: null,
};

function plan(input: MeasureInput): PlannedRun[] {
  const random = seededRandom(0x5eed ^ input.size);
  const alignment = input.alignment ?? 512;
  const randomBlock = alignedBlock(LIMITS.randomReadBlock, alignment);
  const seqBlock = alignedBlock(LIMITS.sequentialReadBlock, alignment);
  // Blocks larger than 4 KiB (alignment above 4 KiB) mean fewer reads, so the byte bound holds.
  const randomOps = Math.max(1, Math.floor((LIMITS.randomReadOps * LIMITS.randomReadBlock) / randomBlock));
  const randomAt = randomOffsets(input.size, randomBlock, randomOps, random);
  const seqAt = sequentialOffsets(input.size, seqBlock, LIMITS.sequentialReadBytes);
  const read = (fd: number, blockSize: number, offsets: number[]): IoTask => ({ fd, op: 'read', blockSize, offsets, budgetMs: 0 });
  const runs: PlannedRun[] = [];
  if (input.direct) {
    runs.push({ key: 'directRead', label: 'O_DIRECT random reads', task: read(input.direct.fd, randomBlock, randomAt), pattern: 'random', weight: 1 });
    runs.push({ key: 'directReadSequential', label: 'O_DIRECT sequential reads', task: read(input.direct.fd, seqBlock, seqAt), pattern: 'sequential', weight: 1 });
  }
  runs.push({ key: 'bufferedRead', label: 'buffered random reads', task: read(input.buffered.fd, randomBlock, randomAt), pattern: 'random', weight: 1 });
  runs.push({ key: 'bufferedReadSequential', label: 'buffered sequential reads', task: read(input.buffered.fd, seqBlock, seqAt), pattern: 'sequential', weight: 1 });
  if (input.writes) {
    const writeBlock = alignedBlock(LIMITS.writeBlock, alignment);
    const writeAt = randomOffsets(LIMITS.scratchBytes, writeBlock, LIMITS.writeOps, random);
    const write = (fd: number, op: IoTask['op']): IoTask => ({ fd, op, blockSize: writeBlock, offsets: writeAt, budgetMs: 0 });
    runs.push({ key: 'dsyncWrite', label: 'O_DSYNC writes', task: write(input.writes.dsync.fd, 'write'), pattern: 'random', weight: 1.5 });
    if (input.writes.directDsync) {
      runs.push({ key: 'directDsyncWrite', label: 'O_DIRECT|O_DSYNC writes', task: write(input.writes.directDsync.fd, 'write'), pattern: 'random', weight: 1.5 });
    }
    runs.push({ key: 'writeFdatasync', label: 'write+fdatasync', task: write(input.writes.plain.fd, 'write+fdatasync'), pattern: 'random', weight: 1.5 });
  }
  return runs.filter((r) => r.task.offsets.length > 0);
}

/** Worker start-up and message passing, kept out of the tasks' own budgets. */
const OVERHEAD_MS = 150;

export async function measure(input: MeasureInput): Promise<MeasureOutput> {
  const runs = plan(input);
  if (runs.length > 0 && input.budgetMs <= OVERHEAD_MS) {
    const notes = [`The time limit was reached before the read and write measurements.`];
    return { latency: { ...EMPTY_LATENCIES }, end: 'timeout', cutShort: true, notes, idle: Promise.resolve() };
  }
  const totalWeight = runs.reduce((sum, r) => sum + r.weight, 0);
  const workMs = Math.max(0, input.budgetMs - OVERHEAD_MS);
  for (const r of runs) r.task.budgetMs = (workMs * r.weight) / totalWeight;
  let done = 0;
  const outcome = await runMeasurements(
    runs.map((r) => r.task),
    {
      timeoutMs: input.budgetMs,
      signal: input.signal,
      onResult: () => input.onProgress?.(++done, runs.length),
    },
  );
  const latency: Latencies = { ...EMPTY_LATENCIES };
  const notes: string[] = [];
  const cutShort: string[] = [];
  runs.forEach((run, i) => {
    const result: IoResult | undefined = outcome.results[i];
    if (!result) return;
    if (result.cutShort) cutShort.push(`${run.label} (${result.samplesUs.length} of ${run.task.offsets.length} operations)`);
    latency[run.key] = summarize(result.samplesUs, result.bytes, result.elapsedUs, run.task.blockSize, run.pattern);
    if (result.errorCode) notes.push(`${run.label} stopped after ${result.samplesUs.length} operations: ${result.errorCode} (${result.errorMessage ?? ''}).`);
  });
  if (cutShort.length > 0) notes.push(`The time limit cut these runs short: ${cutShort.join(', ')}.`);
  if (outcome.end === 'timeout') {
    const missing = runs.filter((_, i) => !outcome.results[i]).map((r) => r.label);
    notes.push(`The time limit ended the measurements; not measured: ${missing.join(', ')} (the storage may be slow or unresponsive).`);
  }
  if (outcome.end === 'failed') notes.push(`The measurements stopped: ${outcome.error ?? 'unknown error'}.`);
  return { latency, end: outcome.end, cutShort: cutShort.length > 0, notes, idle: outcome.exited };
}
