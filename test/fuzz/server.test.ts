/**
 * The real server over stdio under many random edits across several documents, with hover,
 * code-action, completion and symbol requests in between, some of them cancelled: no crash, no
 * error response except cancellations, the diagnostics of each final text equal a fresh
 * `analyze()`, and memory stays bounded (the server runs with a capped heap, so a leak is a crash).
 */
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  DocumentDiagnosticRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type Diagnostic,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../shared/src/index';
import type { LanguageId } from '../../shared/src/analyze';
import { QUIET_MS } from '../../server/src/lsp/idleCollector';
import { PACKED_MIN_LENGTH } from '../../server/src/lsp/openDocument';
import { assertServerBuilt, fullCapabilities, TestClient } from '../server/client';
import { loadCorpus } from './corpus';
import { FUZZ_SEED, replayHint, runs } from './fuzzConfig';
import { nearHotSpot, PIECES } from './mutations';
import { Random } from './random';

const FIXABLE_DISK = "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='writeback' io='native'/><source file='/var/lib/images/fix.raw'/><target dev='vdz'/></disk>\n";

const EDITS = runs(1_000);
/** Heap cap of the server process: a leak per edit would exceed it long before the end. */
const SERVER_HEAP_MB = 160;
const MAX_DOCUMENT_LENGTH = 40_000;
/** The one large document, whose text the server deflates when it is quiet (lsp/openDocument.ts). */
const LARGE_URI = 'file:///fuzz/large.xml';
const LARGE_MAX_LENGTH = 150_000;
/** Far above any answer time seen: a server that takes longer is stuck (an endless loop). */
const STUCK_MS = 30_000;

/** The promise, or a failure once `ms` pass without it: a hung server must fail the test, not hang it. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms, the server is stuck; ${replayHint()}`)), ms);
  });
  return Promise.race([promise, stuck]).finally(() => clearTimeout(timer));
}

interface FuzzDoc {
  uri: string;
  languageId: LanguageId;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

/** The diagnostics as `analyze()` reports them, for comparison with a fresh analysis. */
function asReports(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => ({ code: String(d.code), severity: SEVERITY_NAMES[d.severity ?? 0], message: d.message, range: d.range }));
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/** The corpus documents the fuzzed documents start from: domains with disks, command lines with -blockdev. */
function fuzzSources() {
  const corpus = loadCorpus();
  return {
    xml: corpus.filter((f) => f.languageId === 'xml' && f.text.includes('<disk')),
    args: corpus.filter((f) => f.languageId === 'qemu-cmdline' && f.text.includes('-blockdev')),
  };
}

/** The error a cancelled request may be answered with. */
function isCancellation(e: unknown): boolean {
  return e instanceof ResponseError && (e.code === LSPErrorCodes.RequestCancelled || e.code === LSPErrorCodes.ServerCancelled);
}

/** `count` distinct disks, each with an error a fix can mend. */
function manyDisks(count: number): string {
  return Array.from({ length: count }, (_, i) => FIXABLE_DISK.replace("dev='vdz'", `dev='vd${i}'`).replace('fix.raw', `fix-${i}.raw`)).join('');
}

/** One to three random changes, each valid for the text the previous one left. */
function randomChanges(doc: TextDocument, rnd: Random): TextDocumentContentChangeEvent[] {
  const changes: TextDocumentContentChangeEvent[] = [];
  let text = doc.getText();
  const count = rnd.chance(0.1) ? 2 + rnd.int(2) : 1;
  for (let i = 0; i < count; i++) {
    const current = TextDocument.create(doc.uri, doc.languageId, 0, text);
    const start = rnd.chance(0.5) ? nearHotSpot(text, rnd.int(1 << 30), rnd.int(80)) : rnd.int(text.length + 1);
    const shrink = text.length > (doc.uri === LARGE_URI ? LARGE_MAX_LENGTH : MAX_DOCUMENT_LENGTH);
    const length = shrink ? 50 + rnd.int(500) : rnd.chance(0.5) ? rnd.int(12) : 0;
    const end = Math.min(text.length, start + length);
    const insert = shrink || rnd.chance(0.3) ? '' : rnd.chance(0.8) ? rnd.pick(PIECES) : text.slice(rnd.int(text.length), rnd.int(text.length) + rnd.int(200));
    changes.push({ range: { start: current.positionAt(start), end: current.positionAt(end) }, text: insert });
    text = text.slice(0, start) + insert + text.slice(end);
  }
  return changes;
}

describe('the language server under random edits', () => {
  let client: TestClient;
  let docs: FuzzDoc[];
  const failures: string[] = [];

  beforeAll(async () => {
    assertServerBuilt();
    console.log(`${replayHint()}; ${EDITS} edits`);
    const { xml, args } = fuzzSources();
    const rnd = new Random(FUZZ_SEED);
    const options = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${options ?? ''} --max-old-space-size=${SERVER_HEAP_MB}`;
    try {
      // As VS Code: the fix-all edit is left to codeAction/resolve, which the requests below send.
      const capabilities = fullCapabilities();
      capabilities.textDocument!.codeAction!.resolveSupport = { properties: ['edit'] };
      client = await TestClient.start({ capabilities, initializationOptions: { debounceMs: 1 } });
    } finally {
      if (options === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = options;
    }
    client.process.once('exit', (code, signal) => failures.push(`the server exited (code ${code}, signal ${signal}); stderr: ${client.stderr.slice(-2000)}`));
    docs = [
      // With a disk whose error has a preferred fix, so fix-all is offered and resolved.
      { uri: 'file:///fuzz/domain.xml', languageId: 'xml', text: rnd.pick(xml).text.replace('</devices>', `${FIXABLE_DISK}</devices>`) },
      { uri: 'file:///fuzz/crlf%20ünïcode.xml', languageId: 'xml', text: rnd.pick(xml).text.replace(/\n/g, '\r\n').replace(/images\//g, 'images/ünïcode-😀\t') },
      { uri: 'file:///fuzz/launch.args', languageId: 'qemu-cmdline', text: rnd.pick(args).text },
      { uri: 'untitled:Untitled-1', languageId: 'shellscript', text: `#!/bin/sh\nset -e\n${rnd.pick(args).text}` },
      // Past PACKED_MIN_LENGTH: packed when the server is quiet and its analysis is not kept.
      { uri: LARGE_URI, languageId: 'xml', text: rnd.pick(xml).text.replace('</devices>', `${manyDisks(400)}</devices>`) },
    ].map(({ text, ...doc }) => {
      void client.open(doc.uri, doc.languageId, text);
      return doc as FuzzDoc;
    });
  });

  afterAll(async () => {
    if (!client) return;
    // A stuck server never answers shutdown: then it is ended by its process id.
    await within(client.stop(), 5_000, 'shutdown').catch(() => client.process.kill('SIGKILL'));
  });

  /** A request whose only acceptable failure is a cancellation, and only when it was cancelled. */
  const counts = { requests: 0, answered: 0, cancelledByServer: 0, fixAllResolved: 0 };
  function track(what: string, request: Promise<unknown>, cancellable: boolean): Promise<void> {
    counts.requests++;
    return request.then(
      () => {
        counts.answered++;
      },
      (e: unknown) => {
        const cancelled = isCancellation(e);
        if (cancellable && cancelled) counts.cancelledByServer++;
        else failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }

  function randomPosition(uri: string, rnd: Random): Position {
    const doc = client.doc(uri);
    return doc.positionAt(rnd.int(doc.getText().length + 1));
  }

  /** The last diagnostics published for the document, whatever their version (editors send stale ones too). */
  function lastDiagnostics(uri: string): Diagnostic[] {
    const all = client.diagnostics.received;
    for (let i = all.length - 1; i >= 0; i--) if (all[i].uri === uri) return all[i].diagnostics;
    return [];
  }

  function randomRequest(uri: string, rnd: Random): { what: string; send: (token?: CancellationTokenSource) => Promise<unknown> } {
    const textDocument = { uri };
    const position = randomPosition(uri, rnd);
    const kind = rnd.int(10);
    if (kind < 4) return { what: 'hover', send: (s) => client.connection.sendRequest(HoverRequest.type, { textDocument, position }, s?.token) };
    if (kind < 7) {
      const published = lastDiagnostics(uri);
      const diagnostics = published.length > 0 && rnd.chance(0.8) ? [rnd.pick(published)] : [];
      const range = diagnostics[0]?.range ?? { start: position, end: position };
      return {
        what: 'codeAction',
        send: async (s) => {
          const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics } }, s?.token)) ?? [];
          // Resolved while later edits may already be on their way, as when a user picks it from a menu.
          const fixAll = actions.find((a): a is CodeAction => 'data' in a && a.data !== undefined);
          if (!fixAll) return actions;
          const resolved = await client.resolveCodeAction(fixAll);
          if (!resolved.edit?.changes?.[uri]) throw new Error(`fix all resolved without an edit for ${uri}: ${JSON.stringify(resolved)}`);
          counts.fixAllResolved++;
          return resolved;
        },
      };
    }
    if (kind < 8) return { what: 'completion', send: (s) => client.connection.sendRequest(CompletionRequest.type, { textDocument, position }, s?.token) };
    if (kind < 9) return { what: 'documentSymbol', send: (s) => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }, s?.token) };
    return { what: 'codeLens', send: (s) => client.connection.sendRequest(CodeLensRequest.type, { textDocument }, s?.token) };
  }

  /**
   * Rejects when the server logs an error or exits: then the diagnostics being waited for never
   * come. Made once, and every wait races it: one per wait left a listener and a waiter behind each.
   */
  let trouble: Promise<never> | undefined;
  function serverTrouble(): Promise<never> {
    trouble ??= new Promise((_, reject) => {
      void client.logs.next((l) => l.type === 1).then((l) => reject(new Error(`the server logged an error: ${l.message.slice(0, 2000)}\n${replayHint()}`)));
      client.process.once('exit', (code) => reject(new Error(`the server exited with ${code}; ${replayHint()}`)));
    });
    return trouble;
  }

  /** Waits for the diagnostics of the document's current version and compares them with a fresh analysis. */
  async function expectFreshDiagnostics(doc: FuzzDoc): Promise<void> {
    const current = client.doc(doc.uri);
    const published = await within(Promise.race([client.diagnosticsFor(doc.uri, current.version), serverTrouble()]), STUCK_MS, `diagnostics of ${doc.uri}`);
    const fresh = analyze(current.getText(), { uri: doc.uri, languageId: doc.languageId });
    expect(asReports(published.diagnostics), `${doc.uri} version ${current.version}; ${replayHint()}`).toEqual(fresh.diagnostics);
  }

  it(`survives ${EDITS} random edits with requests and cancellations in between`, async () => {
    const rnd = new Random(FUZZ_SEED ^ 0x5eed);
    let pending: Promise<void>[] = [];
    let cancellable: CancellationTokenSource[] = [];
    let rssAtQuarter = NaN;
    expect(client.doc(LARGE_URI).getText().length).toBeGreaterThan(PACKED_MIN_LENGTH);
    for (let step = 0; step < EDITS; step++) {
      const doc = rnd.pick(docs);
      client.sendChange(doc.uri, randomChanges(client.doc(doc.uri), rnd));
      if (rnd.chance(0.25)) {
        const { what, send } = randomRequest(doc.uri, rnd);
        if (rnd.chance(0.3)) {
          const source = new CancellationTokenSource();
          pending.push(track(`${what} (cancelled)`, send(source), true));
          // Cancelled at once, or some steps later while edits keep arriving.
          if (rnd.chance(0.5)) source.cancel();
          else cancellable.push(source);
        } else pending.push(track(what, send(), false));
      }
      if (rnd.chance(0.05)) {
        for (const source of cancellable) source.cancel();
        cancellable = [];
      }
      // Bounded work in flight; now and then the diagnostics of a settled version are checked.
      if (step % 50 === 49) {
        await within(Promise.all(pending), STUCK_MS, `requests before edit ${step + 1}`);
        pending = [];
        if (failures.length > 0) break;
      }
      if (step % 250 === 249) await expectFreshDiagnostics(rnd.pick(docs));
      // Quiet now and then: the server collects and deflates what it does not hold (idleCollector.ts).
      if (step % 250 === 124) await new Promise((resolve) => setTimeout(resolve, QUIET_MS + 300));
      if (step === Math.floor(EDITS / 4)) rssAtQuarter = rssMb(client.process.pid!);
    }
    for (const source of cancellable) source.cancel();
    await within(Promise.all(pending), STUCK_MS, 'the last requests');
    expect(failures, replayHint()).toEqual([]);
    for (const doc of docs) await expectFreshDiagnostics(doc);
    const rssAtEnd = rssMb(client.process.pid!);
    console.log(`${counts.requests} requests: ${counts.answered} answered, ${counts.cancelledByServer} answered as cancelled, ${counts.fixAllResolved} fix-all edits resolved`);
    console.log(`server RSS after ${Math.floor(EDITS / 4)} edits: ${rssAtQuarter.toFixed(0)} MB; after ${EDITS}: ${rssAtEnd.toFixed(0)} MB`);
    // The heap cap bounds the heap; this bounds everything else the process holds.
    expect(rssAtEnd).toBeLessThan(Math.max(rssAtQuarter * 1.5, rssAtQuarter + 100));
    expect(client.logs.received.filter((l) => l.type === 1).map((l) => l.message)).toEqual([]);
    expect(client.stderr).toBe('');
  });
});

/**
 * A client that pulls diagnostics (as VS Code does) under random edits, pulling now and then and
 * cancelling some pulls: whenever the server answers `unchanged`, the diagnostics the client holds
 * must still be those of the text; at each check they equal a fresh `analyze()`.
 */
describe('pulled diagnostics under random edits', () => {
  const PULL_EDITS = runs(400, 0.4);
  let client: TestClient;
  let docs: FuzzDoc[];
  /** What the client holds per document: the last full report's id and items. */
  const held = new Map<string, { resultId?: string; items: Diagnostic[] }>();
  const counts = { pulls: 0, unchanged: 0, cancelled: 0 };

  beforeAll(async () => {
    assertServerBuilt();
    const { xml, args } = fuzzSources();
    const rnd = new Random(FUZZ_SEED ^ 0x9011);
    const capabilities = fullCapabilities();
    capabilities.textDocument!.diagnostic = { dynamicRegistration: false };
    client = await TestClient.start({ capabilities });
    docs = [
      { uri: 'file:///fuzz/pulled.xml', languageId: 'xml', text: rnd.pick(xml).text.replace(/\n/g, '\r\n').replace(/images\//g, 'images/ünï-😀\t') },
      { uri: 'file:///fuzz/pulled.args', languageId: 'qemu-cmdline', text: rnd.pick(args).text },
    ].map(({ text, ...doc }) => {
      void client.sendOpen(doc.uri, doc.languageId, text);
      return doc as FuzzDoc;
    });
  });

  afterAll(async () => {
    if (client) await within(client.stop(), 5_000, 'shutdown').catch(() => client.process.kill('SIGKILL'));
  });

  /** Pulls as a client does: naming the report it holds, and keeping its items when told `unchanged`. */
  async function pull(uri: string, source?: CancellationTokenSource): Promise<void> {
    counts.pulls++;
    const before = held.get(uri);
    try {
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: before?.resultId }, source?.token);
      if (report.kind === 'unchanged') {
        counts.unchanged++;
        if (report.resultId !== before?.resultId) throw new Error(`unchanged with id ${report.resultId}, but the client holds ${before?.resultId}`);
      } else held.set(uri, { resultId: report.resultId, items: report.items });
    } catch (e) {
      const cancelled = isCancellation(e);
      if (!(source && cancelled)) throw e;
      counts.cancelled++;
    }
  }

  async function expectFreshHeld(doc: FuzzDoc): Promise<void> {
    await within(pull(doc.uri), STUCK_MS, `pulled diagnostics of ${doc.uri}`);
    const current = client.doc(doc.uri);
    const fresh = analyze(current.getText(), { uri: doc.uri, languageId: doc.languageId });
    expect(asReports(held.get(doc.uri)?.items ?? []), `${doc.uri} version ${current.version}; ${replayHint()}`).toEqual(fresh.diagnostics);
  }

  it(`hold the diagnostics of the text through ${PULL_EDITS} random edits`, async () => {
    const rnd = new Random(FUZZ_SEED ^ 0x7e11);
    for (let step = 0; step < PULL_EDITS; step++) {
      const doc = rnd.pick(docs);
      client.sendChange(doc.uri, randomChanges(client.doc(doc.uri), rnd));
      if (rnd.chance(0.3)) {
        const source = rnd.chance(0.2) ? new CancellationTokenSource() : undefined;
        const pulled = within(pull(doc.uri, source), STUCK_MS, `pull after edit ${step + 1}`);
        source?.cancel();
        await pulled;
      }
      if (step % 20 === 19) await expectFreshHeld(rnd.pick(docs));
    }
    for (const doc of docs) await expectFreshHeld(doc);
    console.log(`${counts.pulls} pulls: ${counts.unchanged} answered unchanged, ${counts.cancelled} cancelled`);
    expect(counts.unchanged).toBeGreaterThan(0);
    expect(client.logs.received.filter((l) => l.type === 1).map((l) => l.message)).toEqual([]);
    expect(client.stderr).toBe('');
  });
});
