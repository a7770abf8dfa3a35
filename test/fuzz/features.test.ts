/**
 * Hover and completion at random offsets of fuzzed corpus documents: they never throw, never loop
 * forever, and every range they return lies inside the document. The work runs in a worker thread
 * that is terminated after a bound, so an endless loop is a failing case fast-check can shrink.
 */
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { LANGUAGES, loadCorpus, type CorpusFile } from './corpus';
import type { FeatureReply, FeatureRequest } from './featureWorker';
import { FUZZ_SEED, replayHint, runs } from './fuzzConfig';
import { applyMutations, mutations, nearHotSpot } from './mutations';

/** Far above what hover and completion take on these documents (well under a millisecond each). */
const BOUND_MS = 2_000;
/** Shrinking a case that loops costs the bound per step: stop shrinking after this and report the smallest case so far. */
const SHRINK_LIMIT_MS = 60_000;

let corpus: CorpusFile[];
let dir: string;
let bundle: string;
let worker: Worker | undefined;

beforeAll(() => {
  corpus = loadCorpus();
  dir = mkdtempSync(join(tmpdir(), 'vmdisk-fuzz-'));
  bundle = join(dir, 'featureWorker.js');
  buildSync({ entryPoints: [join(__dirname, 'featureWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
  console.log(replayHint());
});

afterAll(async () => {
  await worker?.terminate();
  rmSync(dir, { recursive: true, force: true });
});

/** One request to the worker; a worker that does not answer within the bound is terminated. */
function inWorker(request: FeatureRequest): Promise<FeatureReply> {
  const w = (worker ??= new Worker(bundle));
  return new Promise((resolve, reject) => {
    // Each request's listeners go when it is answered, so they do not pile up on the worker.
    const done = () => {
      clearTimeout(timer);
      w.off('message', answered);
      w.off('error', failed);
    };
    const answered = (reply: FeatureReply) => {
      done();
      resolve(reply);
    };
    const failed = (e: Error) => {
      done();
      worker = undefined;
      reject(e);
    };
    const timer = setTimeout(() => {
      done();
      worker = undefined;
      void w.terminate();
      resolve({ ok: false, error: `no answer within ${BOUND_MS} ms: an endless loop?` });
    }, BOUND_MS);
    w.on('message', answered);
    w.on('error', failed);
    w.postMessage(request);
  });
}

async function check(request: FeatureRequest): Promise<void> {
  const reply = await inWorker(request);
  if (!reply.ok) throw new Error(`${reply.error}\n(text of ${request.text.length} characters as ${request.languageId})`);
}

describe('hover and completion on fuzzed documents', () => {
  it('answer at any offset, never throw, never hang, ranges inside the document', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: corpus.length - 1 }),
        fc.constantFrom(...LANGUAGES),
        mutations,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 80 }), fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (index, languageId, ms, picks) => {
          const text = applyMutations(corpus[index].text, ms);
          // Half the offsets near disk settings, where hover and completion have something to do.
          const offsets = picks.map(([n, delta, near]) => (near ? nearHotSpot(text, n, delta) : n % (text.length + 1)));
          await check({ text, languageId, offsets });
        },
      ),
      { seed: FUZZ_SEED, numRuns: runs(200, 0.5), interruptAfterTimeLimit: SHRINK_LIMIT_MS, markInterruptAsFailure: true },
    );
  }, 3 * SHRINK_LIMIT_MS);
});

describe('hover and completion: found by fuzzing', () => {
  const atEnd = (text: string, languageId: FeatureRequest['languageId']): FeatureRequest => ({ text, languageId, offsets: [text.length] });

  it('completion after a quote where an attribute name belongs answers (the site scan looped forever)', async () => {
    await check(atEnd(`<domain><devices><disk><driver "a" `, 'xml'));
  });

  it('completion of a value whose key is named like an Object.prototype property', async () => {
    await check(atEnd('-drive file=/a.raw,if=virtio,toString=', 'qemu-cmdline'));
    await check(atEnd("<domain><devices><disk><driver name='qemu' constructor='", 'xml'));
  });
});
