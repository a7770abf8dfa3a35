/**
 * An executable that runs the real virsh with the arguments it was given and logs, around the
 * call, one line each on entry and exit: how many virsh calls overlap can be read back.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function writeCountingVirsh(dir: string): { executable: string; peak: () => number; calls: () => number } {
  const log = path.join(dir, 'virsh-calls.log');
  const executable = path.join(dir, 'counting-virsh');
  writeFileSync(log, '');
  writeFileSync(executable, `#!${process.execPath}
const { appendFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
appendFileSync(${JSON.stringify(log)}, '+\\n');
const r = spawnSync('virsh', process.argv.slice(2), { stdio: ['ignore', 'pipe', 'pipe'] });
appendFileSync(${JSON.stringify(log)}, '-\\n');
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.status ?? 1;
`);
  chmodSync(executable, 0o755);
  const marks = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return {
    executable,
    calls: () => marks().filter((m) => m === '+').length,
    peak: () => {
      let now = 0;
      let peak = 0;
      for (const m of marks()) {
        now += m === '+' ? 1 : -1;
        peak = Math.max(peak, now);
      }
      return peak;
    },
  };
}
