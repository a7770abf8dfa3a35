/**
 * `vmdisk lint` over the whole corpus against `virt-xml-validate` (libvirt's RelaxNG check, one
 * xmllint process per file) over the same XML files. Wall-clock time of the real commands.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

function filesUnder(dir, ext) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Runs a command to its end; resolves with its wall-clock milliseconds and exit status. */
function run(file, args) {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 256 * 1024 * 1024 }, (error) => {
      resolve({ ms: performance.now() - started, code: error ? error.code : 0 });
    });
  });
}

async function repeat(times, file, args) {
  const samples = [];
  let code;
  for (let i = 0; i < times; i++) ({ ms: samples[i], code } = await run(file, args));
  return { ...summarize(samples), code };
}

function hasValidator() {
  try {
    execFileSync('virt-xml-validate', ['--version'], { stdio: 'ignore' });
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `sample`: validate only every k-th XML file and extrapolate (said so in the report). */
export async function runCli(log, { sample = 1 } = {}) {
  const xml = filesUnder(CORPUS, '.xml');
  const args = filesUnder(CORPUS, '.args');
  log(`  vmdisk lint ${CORPUS} (${xml.length} .xml + ${args.length} .args) …`);
  const lintAll = await repeat(5, process.execPath, [CLI, 'lint', '--format', 'json', CORPUS]);
  const lintXml = await repeat(5, process.execPath, [CLI, 'lint', '--format', 'json', ...xml]);
  const lintOne = await repeat(10, process.execPath, [CLI, 'lint', '--format', 'json', xml[0]]);
  const result = { xmlFiles: xml.length, argsFiles: args.length, lintAll, lintXml, lintOne, validator: null };
  if (!hasValidator()) {
    log('  virt-xml-validate or xmllint is missing: install libvirt-clients and libxml2-utils');
    return result;
  }
  const chosen = xml.filter((_, i) => i % sample === 0);
  log(`  virt-xml-validate on ${chosen.length} of ${xml.length} XML files, one after another …`);
  let total = 0;
  const exitCodes = {};
  for (const file of chosen) {
    const { ms, code } = await run('virt-xml-validate', [file]);
    total += ms;
    exitCodes[code] = (exitCodes[code] ?? 0) + 1;
  }
  const one = await repeat(10, 'virt-xml-validate', [xml[0]]);
  result.validator = { files: chosen.length, measuredMs: total, estimatedAllMs: (total / chosen.length) * xml.length, exitCodes, one };
  return result;
}
