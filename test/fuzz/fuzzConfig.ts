/**
 * Seed and size of the fuzz runs. `npm test` runs a short fuzz (fresh seed locally, fixed under CI);
 * `npm run fuzz -- --seed N --runs N` (test/fuzz/run.mjs) sets these variables for a long run or
 * to replay a failure: the seed is printed at the start of every fuzz file and in every failure.
 */

function fromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${raw}: expected a non-negative integer`);
  return n;
}

/**
 * CI uses a fixed seed so a submission's result does not depend on the draw; local runs and
 * `npm run fuzz` draw a fresh one each time to keep finding new cases.
 */
const CI_SEED = 20261123;
export const FUZZ_SEED = fromEnv('VMDISK_FUZZ_SEED') ?? (process.env.CI === 'true' ? CI_SEED : Math.floor(Math.random() * 2 ** 31));

const RUNS = fromEnv('VMDISK_FUZZ_RUNS');

/** Cases for one property: the CI default, or `--runs` scaled by the property's share of the long run. */
export function runs(ciDefault: number, shareOfLongRun = 1): number {
  return RUNS === undefined ? ciDefault : Math.max(1, Math.round(RUNS * shareOfLongRun));
}

/** The line a failure report needs to replay this run. */
export function replayHint(): string {
  return `fuzz seed ${FUZZ_SEED}${RUNS === undefined ? '' : `, runs ${RUNS}`} — replay: npm run fuzz -- --seed ${FUZZ_SEED}${RUNS === undefined ? '' : ` --runs ${RUNS}`}`;
}
