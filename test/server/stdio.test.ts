/**
 * The server's own stdio transport: the reader decodes message bodies chunk by chunk and the
 * writer sends diagnostics as reused pieces; both must keep LSP's framing byte for byte.
 */
import { spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { StreamMessageReader as LibraryReader } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { DiagnosticsReuse } from '../../server/src/lsp/publish';
import { StreamMessageReader } from '../../server/src/stdio/reader';
import { StreamMessageWriter } from '../../server/src/stdio/writer';
import { analyzeText } from '../../shared/src/analyze';
import { assertServerBuilt, SERVER } from './client';
import { NATIVE_WRITEBACK_XML } from './fixtures';

/** Two-, three- and four-byte UTF-8 characters, a line separator and JSON escapes. */
const TEXT = `<domain><!-- ünï — 日本 😀 \u2028 "q" \\ --></domain>\r\n`;
const MESSAGES: Message[] = [
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///ü.xml', languageId: 'xml', version: 1, text: TEXT } } } as Message,
  { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///ü.xml' }, position: { line: 0, character: 3 } } } as Message,
  { jsonrpc: '2.0', method: 'exit' } as Message,
];

function framed(message: Message, header = (length: number) => `Content-Length: ${length}\r\n\r\n`): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf-8');
  return Buffer.concat([Buffer.from(header(body.length), 'ascii'), body]);
}

/** What the reader delivers and reports for the given chunks. */
function read(chunks: Buffer[]): { messages: Message[]; errors: Error[]; closed: boolean } {
  const stream = new PassThrough();
  const reader = new StreamMessageReader(stream);
  const got = { messages: [] as Message[], errors: [] as Error[], closed: false };
  reader.onError((e) => got.errors.push(e));
  reader.onClose(() => (got.closed = true));
  reader.listen((m) => got.messages.push(m));
  // Straight to the listener: a PassThrough would merge or delay writes.
  for (const chunk of chunks) stream.emit('data', chunk);
  return got;
}

describe('the stdio message reader', () => {
  const bytes = Buffer.concat(MESSAGES.map((m) => framed(m)));

  it('reads messages split across two chunks at every byte position, multi-byte characters included', () => {
    for (let at = 0; at <= bytes.length; at++) {
      const got = read([bytes.subarray(0, at), bytes.subarray(at)]);
      expect(got.errors).toEqual([]);
      expect(got.messages).toEqual(MESSAGES);
    }
  });

  it('reads one byte per chunk, and several messages in one chunk', () => {
    expect(read([...bytes].map((b) => Buffer.from([b]))).messages).toEqual(MESSAGES);
    expect(read([bytes]).messages).toEqual(MESSAGES);
  });

  it('reads the same as vscode-jsonrpc across three chunks at every pair of positions', async () => {
    const one = framed(MESSAGES[0]);
    for (let a = 0; a <= one.length; a += 7) {
      for (let b = a; b <= one.length; b += 5) {
        expect(read([one.subarray(0, a), one.subarray(a, b), one.subarray(b)]).messages).toEqual([MESSAGES[0]]);
      }
    }
    const stream = new PassThrough();
    const library: Message[] = [];
    new LibraryReader(stream).listen((m) => library.push(m));
    stream.end(bytes);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(library).toEqual(read([bytes]).messages);
  });

  it('takes Content-Length in any case and spacing, and other headers such as Content-Type', () => {
    const variants = [
      (n: number) => `content-length: ${n}\r\n\r\n`,
      (n: number) => `CONTENT-LENGTH:${n}\r\n\r\n`,
      (n: number) => `Content-Length:   ${n}  \r\n\r\n`,
      (n: number) => `Content-Length: ${n}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`,
      (n: number) => `Content-Type: application/vscode-jsonrpc; charset=utf8\r\nContent-Length: ${n}\r\n\r\n`,
      // A stray CR just before the end of the headers.
      (n: number) => `Content-Length: ${n}\r\r\n\r\n`,
    ];
    const chunks = variants.map((header) => framed(MESSAGES[0], header));
    const got = read([Buffer.concat(chunks)]);
    expect(got.errors).toEqual([]);
    expect(got.messages).toEqual(variants.map(() => MESSAGES[0]));
  });

  it('reports a message without a usable Content-Length or with broken JSON, and reads on', () => {
    const broken = Buffer.from('Content-Length: 5\r\n\r\n{"a":', 'ascii');
    const got = read([
      Buffer.from('Content-Type: application/json\r\n\r\n', 'ascii'),
      Buffer.from('Content-Length: many\r\n\r\n', 'ascii'),
      Buffer.from('no colon here\r\n\r\n', 'ascii'),
      broken,
      framed(MESSAGES[1]),
    ]);
    expect(got.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('Content-Length property'),
      expect.stringContaining('must be a number'),
      expect.stringContaining("separate key and value using ':'"),
      expect.stringContaining('JSON'),
    ]);
    expect(got.messages).toEqual([MESSAGES[1]]);
  });

  it('says when its stream closes', () => {
    const stream = new PassThrough();
    const reader = new StreamMessageReader(stream);
    let closed = false;
    reader.onClose(() => (closed = true));
    reader.listen(() => undefined);
    stream.emit('close');
    expect(closed).toBe(true);
  });
});

/** A writable that keeps what reaches it, and how many writes (writev counts one) did. */
function sink() {
  const chunks: Buffer[] = [];
  let writes = 0;
  const stream = new Writable({
    writev(pieces, done) {
      writes++;
      for (const p of pieces) chunks.push(Buffer.from(p.chunk as Buffer));
      done();
    },
    write(chunk: Buffer, _encoding, done) {
      writes++;
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks), writes: () => writes };
}

describe('the stdio message writer', () => {
  it('frames each message as vscode-jsonrpc does, in order: Content-Length in bytes, JSON.stringify in UTF-8', async () => {
    const uri = 'file:///tmp/ünï.xml';
    const diagnostics = new DiagnosticsReuse().diagnosticsOf(uri, analyzeText(NATIVE_WRITEBACK_XML.replace('</domain>', '<!-- 😀 --></domain>'), { uri, languageId: 'xml' }));
    diagnostics[0].message += ' — ünï 😀';
    const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics } } as Message;
    const out = sink();
    const writer = new StreamMessageWriter(out.stream);
    await Promise.all([writer.write(publish), writer.write(MESSAGES[1]), writer.write(publish)]);
    expect(out.bytes()).toEqual(Buffer.concat([framed(publish), framed(MESSAGES[1]), framed(publish)]));
    // Read back by vscode-jsonrpc's own reader.
    const stream = new PassThrough();
    const back: Message[] = [];
    new LibraryReader(stream).listen((m) => back.push(m));
    stream.end(out.bytes());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(back).toEqual([publish, MESSAGES[1], publish].map((m) => JSON.parse(JSON.stringify(m))));
  });

  it('hands a message to the stream in one write', async () => {
    const uri = 'file:///tmp/a.xml';
    const diagnostics = new DiagnosticsReuse().diagnosticsOf(uri, analyzeText(NATIVE_WRITEBACK_XML, { uri, languageId: 'xml' }));
    expect(diagnostics.length).toBeGreaterThan(1);
    const out = sink();
    await new StreamMessageWriter(out.stream).write({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } } as Message);
    expect(out.writes()).toBe(1);
  });

  it('reports a failed write with the message, and rejects', async () => {
    const failing = new Writable({ write: (_chunk, _encoding, done) => done(new Error('EPIPE')) });
    failing.on('error', () => undefined);
    const writer = new StreamMessageWriter(failing);
    const reported: unknown[] = [];
    writer.onError(([error, message, count]) => reported.push([error.message, message, count]));
    await expect(writer.write(MESSAGES[2])).rejects.toThrow('EPIPE');
    expect(reported).toContainEqual(['EPIPE', MESSAGES[2], 1]);
  });
});

describe('the real server over stdio', () => {
  it('answers messages whose bytes arrive in odd pieces, headers and characters split', async () => {
    assertServerBuilt();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const received: Message[] = [];
    let arrived = () => undefined as void;
    new LibraryReader(child.stdout).listen((m) => {
      received.push(m);
      arrived();
    });
    const until = async (test: (m: Message & { id?: number; method?: string; params?: { uri?: string } }) => boolean) => {
      while (!received.some(test)) await new Promise<void>((resolve) => (arrived = resolve));
      return received.find(test) as Message & { result?: unknown; params?: { diagnostics: { code: string }[] } };
    };
    const uri = 'file:///tmp/ünï.xml';
    // About 300 KB: more than one read from the pipe, with multi-byte characters throughout.
    const text = NATIVE_WRITEBACK_XML.replace('</domain>', `<!-- ${'ünï 日本 😀 '.repeat(20_000)} --></domain>`);
    const cache = NATIVE_WRITEBACK_XML.split('\n').findIndex((line) => line.includes("cache='writeback'"));
    const bytes = Buffer.concat([
      framed({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } } } as Message, (n) => `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${n}\r\n\r\n`),
      framed({ jsonrpc: '2.0', method: 'initialized', params: {} } as Message),
      framed({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xml', version: 1, text } } } as Message, (n) => `content-length:${n}\r\n\r\n`),
      framed({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: cache, character: 46 } } } as Message),
    ]);
    // Pieces of 1, 4, 13, 40 … bytes, each given time to be read on its own.
    for (let at = 0, size = 1; at < bytes.length; at += size, size = size * 3 + 1) {
      const piece = bytes.subarray(at, at + size);
      await new Promise((resolve) => child.stdin.write(piece, resolve));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    try {
      const published = await until((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri);
      expect(published.params!.diagnostics.map((d) => d.code)).toContain('native-aio-needs-direct');
      expect((await until((m) => m.id === 2)).result).toMatchObject({ contents: { kind: 'markdown' } });
      child.stdin.write(framed({ jsonrpc: '2.0', id: 3, method: 'shutdown' } as Message));
      await until((m) => m.id === 3);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.write(framed({ jsonrpc: '2.0', method: 'exit' } as Message));
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
});
