/** Cancelling at every step and running out of time: never a hang, never a leftover scratch file or descriptor. */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../../shared/src/probe/probeImage';
import { ProbeError } from '../../shared/src/probe/probeError';
import { requireTool } from '../support/tools';
import { DISK_TMP, makeTempDir, openDescriptorsOf, qemuImgCreate, removeDir, scratchFilesIn, sha256, writeData } from './helpers';

describe.skipIf(!requireTool('qemu-img') || !requireTool('qemu-io'))('cancellation and time limits', () => {
  let dir: string;
  let image: string;
  let steps: string[];
  beforeAll(async () => {
    dir = makeTempDir(DISK_TMP, 'cancel');
    image = path.join(dir, 'disk.raw');
    qemuImgCreate(image, 'raw', '16M');
    writeData(image, 16 * 1024 * 1024);
    steps = [];
    await probeImage(image, { timeLimitMs: 3000, onProgress: (message) => steps.push(message) });
  });
  afterAll(() => removeDir(dir));

  it('reports progress through every step', () => {
    expect(steps[0]).toBe('Inspecting the path');
    expect(steps).toContain('Trying O_DIRECT');
    expect(steps).toContain('Asking qemu-io');
    expect(steps).toContain('Creating a scratch file');
    expect(steps).toContain('Measuring reads and writes');
    expect(steps[steps.length - 1]).toBe('Done');
  });

  it('an already aborted signal: cancelled at once', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(probeImage(image, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('aborting at each progress report: cancelled, image unchanged, no scratch file, no open descriptor', async () => {
    const before = sha256(image);
    // Every report but the final "Done" (the probe has finished by then).
    for (let k = 0; k < steps.length - 1; k++) {
      const controller = new AbortController();
      let calls = 0;
      let abortedAt = 0;
      const outcome = probeImage(image, {
        timeLimitMs: 3000,
        signal: controller.signal,
        onProgress: () => {
          if (calls++ === k) {
            abortedAt = Date.now();
            controller.abort();
          }
        },
      });
      const error = await outcome.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `abort at report ${k} (${steps[k]})`).toBeInstanceOf(ProbeError);
      expect((error as ProbeError).code).toBe('cancelled');
      expect(Date.now() - abortedAt, `return after abort at ${steps[k]}`).toBeLessThan(1000);
      expect(scratchFilesIn(dir), `abort at ${steps[k]}`).toEqual([]);
      expect(openDescriptorsOf(image), `abort at report ${k} (${steps[k]})`).toEqual([]);
      expect(openDescriptorsOf(path.join(dir, '.vmdisk-probe-')), `abort at ${steps[k]}`).toEqual([]);
    }
    expect(sha256(image)).toBe(before);
  });

  it('aborting in the middle of the measurements', async () => {
    const controller = new AbortController();
    const outcome = probeImage(image, {
      timeLimitMs: 5000,
      signal: controller.signal,
      onProgress: (message, percent) => {
        // The first finished measuring run: the worker thread is busy with the next one.
        if (message === 'Measuring reads and writes' && (percent ?? 0) > 35) controller.abort();
      },
    });
    await expect(outcome).rejects.toMatchObject({ code: 'cancelled', message: 'The probe was cancelled.' });
    expect(scratchFilesIn(dir)).toEqual([]);
    expect(openDescriptorsOf(image)).toEqual([]);
  });

  it('a short time limit: a report within the limit, measurements cut short and said so', async () => {
    const started = Date.now();
    const r = await probeImage(image, { timeLimitMs: 400 });
    expect(Date.now() - started).toBeLessThan(400 + 500);
    expect(r.timeLimitMs).toBe(400);
    expect(r.timedOut).toBe(true);
    expect(r.notes.some((n) => n.includes('time limit'))).toBe(true);
    expect(scratchFilesIn(dir)).toEqual([]);
    expect(openDescriptorsOf(image)).toEqual([]);
  });
});
