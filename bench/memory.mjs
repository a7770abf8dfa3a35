/**
 * Heap an analysis keeps alive: what each open document costs the server before any garbage.
 * Measured in this process after full collections (gc exposed at run time).
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { manyDisksXml } from './inputs.mjs';

const require = createRequire(import.meta.url);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

function heapAfterGc() {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

export function runMemory(log) {
  log('  retained heap of 20 analyses …');
  const core = require('../dist/core.js');
  const texts = Array.from({ length: 20 }, (_, i) => manyDisksXml(2000, 100 + i));
  const before = heapAfterGc();
  const kept = texts.map((text) => core.analyzeText(text, { languageId: 'xml' }));
  const withAnalyses = heapAfterGc();
  const textBytes = texts.reduce((n, t) => n + t.length, 0);
  const perAnalysis = (withAnalyses - before) / kept.length;
  return { documents: kept.length, textBytes, perAnalysisBytes: perAnalysis, findingsPerDocument: kept[0].findings.length };
}
