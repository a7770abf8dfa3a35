/**
 * The floor under a pushed keystroke: a process that answers `initialize` and, for every didOpen
 * and didChange, sends a publishDiagnostics of the given diagnostics (the very JSON vmdisk sent
 * for the bench document) for that version, and does nothing else. What a keystroke costs
 * through it is the pipe and the client reading and decoding the message: no server can answer
 * with those diagnostics in less. `node bench/floorServer.mjs DIAGNOSTICS.json`
 */
import { readFileSync } from 'node:fs';

const diagnostics = readFileSync(process.argv[2]);
const TAIL = Buffer.from('}}');
let input = Buffer.alloc(0);

function send(head, ...body) {
  const length = head.length + body.reduce((n, b) => n + b.length, 0);
  // Header and body leave in one writev, as vmdisk's writer sends them.
  process.stdout.cork();
  process.stdout.write(`Content-Length: ${length}\r\n\r\n`);
  process.stdout.write(head);
  for (const b of body) process.stdout.write(b);
  process.stdout.uncork();
}

function answer(id, result) {
  send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, result })));
}

function publish({ uri, version }) {
  send(Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)},"version":${version},"diagnostics":`), diagnostics, TAIL);
}

function handle(message) {
  switch (message.method) {
    case 'initialize':
      return answer(message.id, { capabilities: { textDocumentSync: 2 } });
    case 'shutdown':
      return answer(message.id, null);
    case 'exit':
      return process.exit(0);
    case 'textDocument/didOpen':
    case 'textDocument/didChange':
      return publish(message.params.textDocument);
  }
}

process.stdin.on('data', (chunk) => {
  input = Buffer.concat([input, chunk]);
  for (;;) {
    const headerEnd = input.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(input.subarray(0, headerEnd).toString('ascii'))[1]);
    const start = headerEnd + 4;
    if (input.length < start + length) return;
    const message = JSON.parse(input.subarray(start, start + length).toString('utf8'));
    input = input.subarray(start + length);
    handle(message);
  }
});
process.stdin.on('end', () => process.exit(0));
