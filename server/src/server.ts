/**
 * `vmdisk-language-server --stdio` (or `node dist/server.js --stdio`). stdio is also the default,
 * so no argument is required; `--node-ipc`, `--socket=N` and `--pipe=NAME` work as usual.
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { messageEncoder } from './lsp/publish';
import { startServer } from './lsp/session';

// An editor keeps this process for the whole session, so the heap is kept small (both flags are
// read when V8 resizes, so they take effect even set here). V8 grows its young generation up to
// 2 × 16 MB after the first large analysis and keeps it; at its initial size an analysis runs about
// as fast, as it keeps little of what it allocates. And the old generation is collected once it
// has grown by 20 %, not by V8's adaptive factor of up to 4×: with 20 large documents open, 104 MB
// instead of 136 MB, for a keystroke p95 about 5 ms higher (docs/PERFORMANCE.md).
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=20');

const otherTransport = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
// On stdio the writer is ours, for its encoder (publish.ts); the reader stays a stream so that the
// library still ends the process when the editor closes its end.
const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: messageEncoder });
const connection = otherTransport
  ? createConnection(ProposedFeatures.all)
  : createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
startServer(connection);
