/**
 * The real language server over stdio: keystroke → publishDiagnostics latency on the 2,000-disk
 * document, hover and code-action latency, and the server's RSS with 20 such documents open.
 * The server debounces changes (75 ms by default); the bench sets `debounceMs: 0` through
 * initializationOptions so the figures are the server's own work, not the wait.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './lspClient.mjs';
import { manyDisksXml, random, realisticXml } from './inputs.mjs';
import { summarize } from './measure.mjs';

const URI = 'file:///bench/many-disks.xml';
const REALISTIC_URI = 'file:///bench/web-frontend-01.xml';

/** Offsets inside each value after `needle` (+`delta`): where a keystroke lands inside one `<disk>`. */
function valueOffsets(text, needle, delta) {
  const offsets = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) offsets.push(at + needle.length + delta);
  return offsets;
}

/** Inside each disk's path: no diagnostic there, so a keystroke leaves them all as they were. */
const IN_PATHS = ["<source file='", 5];
/** Inside each cache value, after its first letter: the keystroke makes it invalid, and changes the diagnostics. */
const IN_CACHE_VALUES = ["cache='", 1];

/**
 * Types one character into a random disk at `where`, then deletes it (the document stays the same
 * size), `count` times; `sample(change)` makes each edit and returns what it measured.
 */
async function typeInDisks(client, count, rnd, uri, where, sample) {
  const doc = () => client.docs.get(uri);
  const offsets = valueOffsets(doc().getText(), ...where);
  const samples = [];
  for (let i = 0; i < count; i++) {
    const at = doc().positionAt(offsets[Math.floor(rnd() * offsets.length)]);
    // The second edit undoes the first, so the client's copy of the text needs no update.
    samples.push(await sample(() => client.change(uri, { start: at, end: at }, 'x', { mirror: false })));
    samples.push(await sample(() => client.change(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, '', { mirror: false })));
  }
  return samples;
}

/**
 * Keystroke → publishDiagnostics of the new version (or, for a client that pulls, the answer to
 * its pull), from the moment didChange is sent. The client does not rewrite its copy of the text
 * (a 613 KB string made anew, where an editor's piece tree changes a node): neither that work nor
 * its garbage is the server's latency. What each keystroke got goes into `answers`.
 */
function keystrokes(client, count, rnd, uri = URI, where = IN_PATHS, answers = []) {
  return typeInDisks(client, count, rnd, uri, where, async (change) => {
    answers.push(await change());
    return performance.now() - client.changeSentAt;
  });
}

/**
 * Pushed keystrokes against their floor: the same keystrokes to a process that answers each with
 * the same diagnostics and does nothing else (floorServer.mjs).
 */
async function keystrokesAndFloor(client, diagnostics, text, rnd) {
  const dir = mkdtempSync(join(tmpdir(), 'vmdisk-bench-'));
  const file = join(dir, 'diagnostics.json');
  writeFileSync(file, JSON.stringify(diagnostics));
  const floorClient = await BenchClient.start({}, [], { server: [fileURLToPath(new URL('./floorServer.mjs', import.meta.url)), file] });
  try {
    await floorClient.open(URI, 'xml', text);
    await keystrokes(client, 25, rnd); // warm-up
    await keystrokes(floorClient, 25, rnd);
    const ours = [];
    const floor = [];
    // One keystroke and its undoing to each in turn, without a pause: both meet the machine in
    // the same state, and vmdisk never falls quiet long enough to collect (lsp/idleCollector.ts).
    for (let i = 0; i < 100; i++) {
      ours.push(...(await keystrokes(client, 1, rnd)));
      floor.push(...(await keystrokes(floorClient, 1, rnd)));
    }
    return { keystroke: summarize(ours), floor: summarize(floor), floorBytes: Buffer.byteLength(JSON.stringify(diagnostics)) };
  } finally {
    await floorClient.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same keystrokes from a client that pulls diagnostics, as VS Code does: didChange, then
 * `textDocument/diagnostic` naming the report it holds. In a path the answer is `unchanged`; in a
 * cache value it is the whole list.
 */
async function pulledKeystrokes(rnd) {
  const client = await BenchClient.start({ debounceMs: 0 }, [], { pull: true });
  try {
    await client.open(URI, 'xml', manyDisksXml());
    const measure = async (where) => {
      await keystrokes(client, 25, rnd, URI, where);
      const answers = [];
      const latency = summarize(await keystrokes(client, 100, rnd, URI, where, answers));
      return { latency, unchanged: answers.filter((a) => a.unchanged).length };
    };
    return { inPaths: await measure(IN_PATHS), inCacheValues: await measure(IN_CACHE_VALUES) };
  } finally {
    await client.stop();
  }
}

/**
 * The lightbulb's request: code actions at a diagnostic right after each keystroke, so on an
 * analysis none of its answers were kept for.
 */
function actionsAfterKeystrokes(client, count, rnd) {
  return typeInDisks(client, count, rnd, URI, IN_PATHS, async (change) => {
    const { diagnostics } = await change();
    const d = diagnostics[Math.floor(rnd() * diagnostics.length)];
    const t0 = performance.now();
    await client.codeActions(URI, d.range, [d]);
    return performance.now() - t0;
  });
}

async function timed(count, fn) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Latencies of a request after a few warm-up rounds, and the size of its answer as JSON. */
async function answered(count, request) {
  for (let i = 0; i < 5; i++) await request(i);
  const latency = summarize(await timed(count, request));
  return { latency, bytes: Buffer.byteLength(JSON.stringify(await request(0))) };
}

export async function runServer(log) {
  const rnd = random(42);
  const text = manyDisksXml();
  const client = await BenchClient.start({ debounceMs: 0 });
  try {
    const idleRss = client.rssBytes();
    const t0 = performance.now();
    const first = await client.open(URI, 'xml', text);
    const openMs = performance.now() - t0;

    log('  keystrokes, and the same message from a process that does nothing else …');
    const { keystroke, floor, floorBytes } = await keystrokesAndFloor(client, first.diagnostics, text, rnd);

    // The same on a domain of the size admins write (12 disks, 19 KB), for scale.
    await client.open(REALISTIC_URI, 'xml', realisticXml());
    await keystrokes(client, 25, rnd, REALISTIC_URI);
    const realisticKeystroke = summarize(await keystrokes(client, 100, rnd, REALISTIC_URI));
    client.close(REALISTIC_URI);

    log('  keystrokes from a client that pulls diagnostics …');
    const pulled = await pulledKeystrokes(rnd);

    log('  hover and code actions …');
    const doc = client.docs.get(URI);
    const cacheValues = [...doc.getText().matchAll(/cache='(\w+)'/g)].map((m) => doc.positionAt(m.index + 8));
    const hoverAt = () => cacheValues[Math.floor(rnd() * cacheValues.length)];
    await timed(30, () => client.hover(URI, hoverAt()));
    const hover = summarize(await timed(300, () => client.hover(URI, hoverAt())));
    // Every finding of the bench document has fixes; they are built when first asked for.
    const actionFor = (i) => {
      const d = first.diagnostics[(i * 7) % first.diagnostics.length];
      return client.codeActions(URI, d.range, [d]);
    };
    // Each diagnostic's disable-comment check is remembered per analysis, so later rounds are cheaper.
    await timed(10, actionFor);
    const codeAction = summarize(await timed(100, actionFor));
    // What VS Code asks besides: code actions at each cursor move, lenses and the outline after each edit.
    const lineCount = doc.lineCount;
    const cursorAt = (i) => ({ start: { line: (i * 151) % lineCount, character: 0 }, end: { line: (i * 151) % lineCount, character: 0 } });
    const cursorMove = await answered(100, (i) => client.codeActions(URI, cursorAt(i), []));
    const afterKeystroke = summarize(await actionsAfterKeystrokes(client, 50, rnd));
    const codeLens = await answered(30, () => client.codeLenses(URI));
    const symbols = await answered(30, () => client.documentSymbols(URI));

    log('  20 documents open …');
    const oneDocRss = client.rssBytes();
    for (let i = 1; i < 20; i++) await client.open(`file:///bench/many-disks-${i}.xml`, 'xml', manyDisksXml(2000, 100 + i));
    const twentyDocsRss = client.rssBytes();
    // The server collects garbage once it has been quiet for half a second (lsp/idleCollector.ts).
    const quiet = () => new Promise((resolve) => setTimeout(resolve, 1_000));
    await quiet();
    const twentyDocsQuietRss = client.rssBytes();
    await keystrokes(client, 100, rnd);
    const afterEditsRss = client.rssBytes();
    await quiet();
    const afterEditsQuietRss = client.rssBytes();
    // V8 gives memory back once the process has been idle for a while (its memory reducer).
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const settledRss = client.rssBytes();
    return {
      diagnosticsCount: first.diagnostics.length,
      openMs,
      keystroke,
      floor,
      floorBytes,
      realisticKeystroke,
      pulled,
      hover,
      codeAction,
      cursorMove,
      afterKeystroke,
      codeLens,
      symbols,
      rss: { idle: idleRss, oneDoc: oneDocRss, twentyDocs: twentyDocsRss, twentyDocsQuiet: twentyDocsQuietRss, twentyDocsAfterEdits: afterEditsRss, afterEditsQuiet: afterEditsQuietRss, settled: settledRss },
    };
  } finally {
    await client.stop();
  }
}
