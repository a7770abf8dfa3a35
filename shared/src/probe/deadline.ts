/** The probe's time budget: every step races its own limit, the whole probe the overall one, and cancellation. */
import { ProbeError } from './probeError';

/** After giving up on a step, how long to wait for it anyway so that what it opened is closed before returning. */
const RELEASE_GRACE_MS = 250;

function cancelled(): ProbeError {
  return new ProbeError('cancelled', 'The probe was cancelled.');
}

/** The value of `promise` if it fulfils within `ms`, else undefined. */
async function valueWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value }), () => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

export class Deadline {
  private readonly start = Date.now();

  constructor(
    readonly limitMs: number,
    private readonly signal?: AbortSignal,
  ) {}

  elapsedMs(): number {
    return Date.now() - this.start;
  }

  remainingMs(): number {
    return Math.max(0, this.limitMs - this.elapsedMs());
  }

  /** Throws the cancellation ProbeError when the caller has aborted. */
  checkAborted(): void {
    if (this.signal?.aborted) throw cancelled();
  }

  /**
   * Starts `work` unless cancelled and waits for it at most `stepMs` (never past the deadline);
   * rejects with a `timeout` ProbeError naming `what`, or `cancelled` on abort. Work given up on
   * keeps running; if it still delivers, `release` gets its value (to close what it opened) —
   * awaited when that happens within a short grace, so nothing stays open after the probe returns.
   */
  async step<T>(what: string, stepMs: number, work: () => Promise<T>, release?: (value: T) => Promise<unknown>): Promise<T> {
    this.checkAborted();
    const running = work();
    const limit = Math.max(1, Math.min(stepMs, this.remainingMs()));
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    let gaveUp = false;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(new ProbeError('timeout', `${what} did not finish within ${limit} ms (the storage may be unresponsive).`));
      }, limit);
      onAbort = () => {
        gaveUp = true;
        reject(cancelled());
      };
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([running, stop]);
    } catch (e) {
      if (gaveUp && release) {
        const late = await valueWithin(running, RELEASE_GRACE_MS);
        if (late) await release(late.value).catch(() => undefined);
        else running.then(release, () => undefined).catch(() => undefined);
      }
      throw e;
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal?.removeEventListener('abort', onAbort);
      running.catch(() => undefined); // a late failure of abandoned work is nobody's concern
    }
  }
}
