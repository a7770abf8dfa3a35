/**
 * In one process, on the same strings: vmdisk's full analysis (parse + disk model + effective
 * flags + all rules) against parse-only baselines.
 *
 * XML baselines: saxes (a fast, conforming SAX parser; no tree is built, handlers do nothing) and
 * fast-xml-parser's XMLParser, tuned for speed (attributes kept, no value parsing, no entity or
 * HTML-entity processing beyond the XML ones).
 *
 * The launch script has no generic "parser" to compare with, so two baselines: what a generic
 * tool minimally does to read the options (split into shell words honouring quotes and
 * backslash-newline, then JSON.parse every `{…}` value and split every key=value value at
 * commas), and JSON.parse of one JSON document of the same size (V8's native parser, a floor).
 *
 * The XML inputs are timed twice: calls interleaved (the issue's method: a burst of load hits all
 * alike), and each contender alone in blocks, which charges each the garbage collections it causes.
 */
import { createRequire } from 'node:module';
import { SaxesParser } from 'saxes';
import { XMLParser } from 'fast-xml-parser';
import { compare, compareBlocks } from './measure.mjs';

const require = createRequire(import.meta.url);

function saxesParse(text, position) {
  const parser = new SaxesParser({ position });
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('error', () => {});
  parser.write(text).close();
  return elements;
}

const fxp = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

/** Shell words with quotes and `\`+newline, then each option value decoded: the generic minimum. */
function genericCmdline(text) {
  const words = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') i++;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      inWord = true;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      inWord = true;
    } else if (c === '#' && !inWord) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  let values = 0;
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] !== '-drive' && words[i] !== '-blockdev' && words[i] !== '-device') continue;
    const v = words[++i];
    values += v.startsWith('{') ? Object.keys(JSON.parse(v)).length : v.split(',').length;
  }
  return values;
}

/** One JSON document as large as the script: an array of the script's lines as objects. */
function sameVolumeJson(text) {
  return JSON.stringify(text.split('\n').map((line, i) => ({ line: i, text: line })));
}

/** Each row: the contender's times and how many times faster vmdisk's analysis is than it. */
function rows(measured) {
  const vmdisk = measured[0];
  return measured.map((m) => ({ ...m, speedup: m.median / vmdisk.median }));
}

export function runInProcess(inputs, log) {
  const core = require('../dist/core.js');
  const results = [];
  for (const { label, text } of [inputs.manyDisks, inputs.realistic]) {
    log(`  ${label} …`);
    const measured = compare([
      { name: 'vmdisk analyzeText (full analysis)', run: () => core.analyzeText(text, { languageId: 'xml' }) },
      { name: 'saxes parse-only (position tracking on)', run: () => saxesParse(text, true) },
      { name: 'saxes parse-only (position tracking off)', run: () => saxesParse(text, false) },
      { name: 'fast-xml-parser XMLParser.parse (tuned)', run: () => fxp.parse(text) },
    ]);
    const result = { input: label, bytes: Buffer.byteLength(text), rows: rows(measured) };
    log(`  ${label}, each contender alone …`);
    result.blocks = compareBlocks([
      { name: 'vmdisk analyzeText (full analysis)', run: () => core.analyzeText(text, { languageId: 'xml' }) },
      { name: 'saxes parse-only (position tracking on)', run: () => saxesParse(text, true) },
      { name: 'fast-xml-parser XMLParser.parse (tuned)', run: () => fxp.parse(text) },
    ]);
    results.push(result);
  }
  const { label, text } = inputs.script;
  log(`  ${label} …`);
  const json = sameVolumeJson(text);
  const measured = compare([
    { name: 'vmdisk analyzeText (full analysis)', run: () => core.analyzeText(text, { languageId: 'shellscript' }) },
    { name: 'generic read: shell words + JSON.parse/split of each value', run: () => genericCmdline(text) },
    { name: `JSON.parse of ${(json.length / 1024).toFixed(0)} KB JSON (same volume)`, run: () => JSON.parse(json) },
  ]);
  results.push({ input: label, bytes: Buffer.byteLength(text), rows: rows(measured) });
  return results;
}
