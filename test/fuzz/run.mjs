#!/usr/bin/env node
/**
 * `npm run fuzz [-- --seed N] [--runs N]`: the fuzz and hostile-input suites with many more cases
 * than `npm test` runs (default 10,000 per property and 10,000 server edits). The seed and the
 * number of cases are printed first; the same two flags replay a failure exactly.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parse(argv) {
  const options = { seed: Math.floor(Math.random() * 2 ** 31), runs: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag !== '--seed' && flag !== '--runs') throw new Error(`unknown argument '${flag}' (usage: npm run fuzz -- [--seed N] [--runs N])`);
    const value = Number(argv[++i]);
    if (!Number.isSafeInteger(value) || value < (flag === '--runs' ? 1 : 0)) throw new Error(`${flag} needs a non-negative integer, got '${argv[i]}'`);
    options[flag.slice(2)] = value;
  }
  return options;
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (e) {
  console.error(`fuzz: ${e.message}`);
  process.exit(2);
}
console.log(`fuzz: seed ${options.seed}, ${options.runs} cases per property and ${options.runs} server edits`);
console.log(`fuzz: replay with: npm run fuzz -- --seed ${options.seed} --runs ${options.runs}`);
const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz', 'test/hostile', '--testTimeout', '0', '--hookTimeout', '0'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, VMDISK_FUZZ_SEED: String(options.seed), VMDISK_FUZZ_RUNS: String(options.runs) },
});
console.log(`fuzz: seed ${options.seed}, ${options.runs} cases — ${result.status === 0 ? 'passed' : 'FAILED'}`);
process.exit(result.status ?? 1);
