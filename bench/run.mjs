#!/usr/bin/env node
/**
 * `npm run bench [-- --only inprocess,memory,server,cli] [--sample K] [--out FILE]`: the figures
 * of docs/PERFORMANCE.md, printed as Markdown (and written to FILE). `--sample K` validates every
 * K-th XML file with virt-xml-validate and extrapolates (the report says so); default: all of them.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { runCli } from './cli.mjs';
import { runInProcess } from './inProcess.mjs';
import { launchScript, manyDisksXml, realisticXml } from './inputs.mjs';
import { ms } from './measure.mjs';
import { runMemory } from './memory.mjs';
import { runServer } from './server.mjs';

const SECTIONS = ['inprocess', 'memory', 'server', 'cli'];

function options(argv) {
  const o = { only: SECTIONS, sample: 1, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (flag === '--only') o.only = value.split(',');
    else if (flag === '--sample') o.sample = Number(value);
    else if (flag === '--out') o.out = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  const unknown = o.only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0 || !(o.sample >= 1)) throw new Error(`usage: npm run bench -- [--only ${SECTIONS.join(',')}] [--sample K] [--out FILE]`);
  return o;
}

const log = (line) => process.stderr.write(`${line}\n`);
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const size = (bytes) => (bytes < 10240 ? `${bytes} bytes` : kb(bytes));
const x = (v) => `${v >= 10 ? v.toFixed(0) : v.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'met' : '**missed**');

function machine() {
  let gitHead = 'unknown';
  try {
    gitHead = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a checkout: the report just lacks the commit.
  }
  return [
    `- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} logical CPUs (nproc); memory ${mb(totalmem())}`,
    `- Node ${process.version} (${process.platform} ${process.arch}); commit ${gitHead} plus the working tree`,
    `- load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`,
  ].join('\n');
}

/** The same input, each contender alone in turns of blocks (bench/measure.mjs compareBlocks). */
function blocksTable(r) {
  const [vmdisk] = r.blocks;
  return [
    `The same input, each contender alone in blocks of calls that take turns (${vmdisk.blocks.length} blocks each): the mean per call, the garbage collections its own allocations cause included. ` +
      'Interleaved calls (above) share those collections out; vmdisk keeps its disk model alive through its call, so a collection landing in it copies the model.',
    '',
    '| contender | mean per call (median of blocks) | each block | calls | contender ÷ vmdisk |',
    '|---|---:|---:|---:|---:|',
    ...r.blocks.map((b) => `| ${b.name} | ${ms(b.meanPerCall)} ms | ${b.blocks.map(ms).join(', ')} | ${b.calls} | ${x(b.meanPerCall / vmdisk.meanPerCall)} |`),
    '',
  ];
}

function inProcessSection(results) {
  const lines = ['## Full analysis against parse-only baselines (one process, same strings)', ''];
  for (const r of results) {
    lines.push(`### ${r.input} (${kb(r.bytes)})`, '', '| contender | median | min | p95 | runs | contender ÷ vmdisk (medians) |', '|---|---:|---:|---:|---:|---:|');
    for (const row of r.rows) lines.push(`| ${row.name} | ${ms(row.median)} ms | ${ms(row.min)} ms | ${ms(row.p95)} ms | ${row.runs} | ${x(row.speedup)} |`);
    lines.push('');
    if (r.blocks) lines.push(...blocksTable(r));
  }
  const [many] = results;
  // The faster of the two saxes runs: the smaller ratio.
  const saxes = Math.min(...many.rows.filter((r) => r.name.startsWith('saxes')).map((r) => r.speedup));
  const fxp = many.rows.find((r) => r.name.startsWith('fast-xml-parser')).speedup;
  lines.push(
    `Targets on the 2,000-disk XML: full analysis ≤ 1.0× the time of saxes parse-only — fastest saxes takes ${x(saxes)} of vmdisk's time (${verdict(saxes >= 1)}); ` +
      `≥ 5× faster than fast-xml-parser — it takes ${x(fxp)} of vmdisk's time (${verdict(fxp >= 5)}).` +
      (many.blocks ? ` Each alone, collections charged to their cause: saxes ${x(many.blocks[1].meanPerCall / many.blocks[0].meanPerCall)} (${verdict(many.blocks[1].meanPerCall >= many.blocks[0].meanPerCall)}), fast-xml-parser ${x(many.blocks[2].meanPerCall / many.blocks[0].meanPerCall)} (${verdict(many.blocks[2].meanPerCall >= 5 * many.blocks[0].meanPerCall)}).` : ''),
    '',
  );
  return lines.join('\n');
}

function memorySection(m) {
  return [
    '## Heap an analysis keeps alive',
    '',
    `${m.documents} analyses of 2,000-disk documents (${kb(m.textBytes / m.documents)} of text and ${m.findingsPerDocument} findings each), after full garbage collections: ` +
      `**${mb(m.perAnalysisBytes)} per document** beyond its text.`,
    '',
  ].join('\n');
}

function serverSection(s) {
  const row = (name, st) => `| ${name} | ${ms(st.median)} ms | ${ms(st.p95)} ms | ${ms(st.p99)} ms | ${ms(st.max)} ms | ${st.runs} |`;
  return [
    '## The language server over stdio (debounce 0)',
    '',
    `2,000-disk document (${s.diagnosticsCount} diagnostics). Opening it: ${ms(s.openMs)} ms to the first publishDiagnostics.`,
    '',
    '| request | p50 | p95 | p99 | max | samples |',
    '|---|---:|---:|---:|---:|---:|',
    row('keystroke (didChange of 1 character) → publishDiagnostics', s.keystroke),
    row('the floor: the same message from a process that only sends it', s.floor),
    row('the same on the realistic 19 KB domain (12 disks)', s.realisticKeystroke),
    row('hover on a cache value', s.hover),
    row('code actions for one diagnostic', s.codeAction),
    '',
    'A client that pulls diagnostics (LSP 3.17, as VS Code does): didChange, then `textDocument/diagnostic` naming the report it holds.',
    '',
    '| keystroke → answer to the pull | p50 | p95 | p99 | max | samples | answers `unchanged` |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `${row('in a path (no diagnostic changes)', s.pulled.inPaths.latency)} ${s.pulled.inPaths.unchanged} |`,
    `${row('in a cache value (diagnostics change: the whole list)', s.pulled.inCacheValues.latency)} ${s.pulled.inCacheValues.unchanged} |`,
    '',
    'What VS Code asks besides, on the same document (its client capabilities: fix-all resolved when chosen, hierarchical symbols):',
    '',
    '| request | p50 | p95 | p99 | max | samples | answer |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `${row('code actions where the cursor moves (no diagnostic there)', s.cursorMove.latency)} ${size(s.cursorMove.bytes)} |`,
    `${row('code actions at a diagnostic right after each keystroke (the lightbulb)', s.afterKeystroke)} |`,
    `${row('code lenses (2 per disk with a local image)', s.codeLens.latency)} ${size(s.codeLens.bytes)} |`,
    `${row('document symbols (outline, breadcrumbs)', s.symbols.latency)} ${size(s.symbols.bytes)} |`,
    '',
    `The floor's process answers each keystroke at once with the diagnostics vmdisk sent for the document (${size(s.floorBytes)} of JSON): ` +
      `its latency is the pipe and the client reading and decoding the message. Keystrokes alternate between the two, one and its undoing to each. ` +
      `vmdisk ÷ floor: p50 ${x(s.keystroke.median / s.floor.median)}, p95 ${x(s.keystroke.p95 / s.floor.p95)}.`,
    '',
    `Target keystroke p95 ≤ 10 ms: pushed ${verdict(s.keystroke.p95 <= 10)} (the floor ${verdict(s.floor.p95 <= 10)}); pulled, in a path ${verdict(s.pulled.inPaths.latency.p95 <= 10)}. ` +
      'With the default debounce (75 ms) an editor that is pushed diagnostics sees 75 ms more; one that pulls asks when it wants.',
    '',
    '| server RSS | |',
    '|---|---:|',
    `| started, no document | ${mb(s.rss.idle)} |`,
    `| 1 document open | ${mb(s.rss.oneDoc)} |`,
    `| 20 documents open, right after the last one's diagnostics | ${mb(s.rss.twentyDocs)} |`,
    `| the same, 1 s later (the server has collected once quiet) | ${mb(s.rss.twentyDocsQuiet)} |`,
    `| 20 documents, right after 200 more keystrokes | ${mb(s.rss.twentyDocsAfterEdits)} |`,
    `| the same, 1 s later | ${mb(s.rss.afterEditsQuiet)} |`,
    `| the same, 11 s later | ${mb(s.rss.settled)} |`,
    '',
    `Target RSS with 20 documents ≤ 80 MB: right after opening them ${verdict(s.rss.twentyDocs <= 80 * 1048576)}; ` +
      `1 s later ${verdict(s.rss.twentyDocsQuiet <= 80 * 1048576)}.`,
    '',
  ].join('\n');
}

function cliSection(c, sample) {
  const lines = [
    '## CLI: `vmdisk lint` against `virt-xml-validate`',
    '',
    `Corpus: ${c.xmlFiles} .xml and ${c.argsFiles} .args files. Wall-clock time of the real commands, median of runs.`,
    '',
    '| command | median | runs |',
    '|---|---:|---:|',
    `| \`vmdisk lint --format json\` on the corpus folder (.xml and .args) | ${ms(c.lintAll.median)} ms | ${c.lintAll.runs} |`,
    `| \`vmdisk lint --format json\` on the ${c.xmlFiles} .xml files only | ${ms(c.lintXml.median)} ms | ${c.lintXml.runs} |`,
    `| \`vmdisk lint\` on one file (mostly Node start-up) | ${ms(c.lintOne.median)} ms | ${c.lintOne.runs} |`,
  ];
  const v = c.validator;
  if (!v) {
    lines.push('', 'virt-xml-validate was not available: no comparison.', '');
    return lines.join('\n');
  }
  const extrapolated = v.files < c.xmlFiles;
  lines.push(
    `| \`virt-xml-validate\` on ${extrapolated ? `${v.files} of the ${c.xmlFiles}` : `all ${c.xmlFiles}`} .xml files, one after another | ${ms(v.measuredMs)} ms | 1 |`,
    `| \`virt-xml-validate\` on one file | ${ms(v.one.median)} ms | ${v.one.runs} |`,
    '',
    ...(extrapolated ? [`virt-xml-validate was run on every ${sample}th file; the total for all ${c.xmlFiles} files is **extrapolated** to ${ms(v.estimatedAllMs)} ms.`] : []),
    `virt-xml-validate exit statuses: ${Object.entries(v.exitCodes).map(([k, n]) => `${k}: ${n}`).join(', ')} (0 valid, 3 invalid).`,
    '',
    `Same XML files: virt-xml-validate takes **${x(v.estimatedAllMs / c.lintXml.median)}** the time of vmdisk (target ≥ 20×: ${verdict(v.estimatedAllMs / c.lintXml.median >= 20)}); ` +
      `whole corpus incl. .args for vmdisk: ${x(v.estimatedAllMs / c.lintAll.median)}. One file: ${x(v.one.median / c.lintOne.median)}.`,
    '',
  );
  return lines.join('\n');
}

async function main() {
  const o = options(process.argv.slice(2));
  const out = ['# vmdisk benchmark', '', machine(), ''];
  if (o.only.includes('inprocess')) {
    log('in-process comparison …');
    const inputs = {
      manyDisks: { label: 'domain XML with 2,000 disks', text: manyDisksXml() },
      realistic: { label: 'realistic domain XML', text: realisticXml() },
      script: { label: 'launch script with 2,000 -drive/-blockdev options', text: launchScript() },
    };
    out.push(inProcessSection(runInProcess(inputs, log)));
  }
  if (o.only.includes('memory')) out.push(memorySection(runMemory(log)));
  if (o.only.includes('server')) {
    log('language server …');
    out.push(serverSection(await runServer(log)));
  }
  if (o.only.includes('cli')) {
    log('CLI …');
    out.push(cliSection(await runCli(log, { sample: o.sample }), o.sample));
  }
  const report = out.join('\n');
  process.stdout.write(report);
  if (o.out) writeFileSync(o.out, report);
}

main().catch((e) => {
  log(`bench: ${e.stack ?? e}`);
  process.exitCode = 1;
});
