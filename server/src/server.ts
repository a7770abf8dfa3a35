/**
 * `vmdisk-language-server --stdio` (or `node dist/server.js --stdio`). stdio is also the default,
 * so no argument is required; `--node-ipc`, `--socket=N` and `--pipe=NAME` work as usual.
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';
import { StreamMessageReader } from './stdio/reader';
import { StreamMessageWriter } from './stdio/writer';

// An editor keeps this process for the whole session, so the heap is kept small (V8 reads these
// flags when it sizes or collects the heap, so they take effect even set here). V8 grows its young
// generation up to 2 × 16 MB after the first large analysis and keeps it; at its initial size an
// analysis runs about as fast, as it keeps little of what it allocates. The old generation is
// collected once it has grown by 20 %, not by V8's adaptive factor of up to 4×. And V8 is told to
// favour memory over speed, so it grows the heap more sparingly and gives memory back sooner. With 20
// large documents open the first two saved about 32 MB and the third 93–98 → 82–87 MB, each for a
// few ms at the keystroke p95 (docs/PERFORMANCE.md).
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=20');
setFlagsFromString('--optimize-for-size');
// Old-generation marking on the main thread only, in steps between allocations. V8 otherwise
// marks on a helper thread too, which on a machine of two cores competes with the editor
// and the server for the CPU: the marking then ends late, in a pause inside a keystroke. A pulled
// keystroke on the 2,000-disk document, p95 10.3-14.2 → 6.1-9.5 ms (docs/PERFORMANCE.md). Not
// --single-threaded-gc: it turns off more than V8 expects to change once started, and V8 aborted.
setFlagsFromString('--no-concurrent-marking');

const otherTransport = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
if (otherTransport) {
  startServer(createConnection(ProposedFeatures.all));
} else {
  // On stdio the reader and writer are ours (stdio/): they never copy a message into one Buffer.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // vscode-languageserver ends the process when its input *stream* ends, not when a reader's
  // does: so here, with its exit codes (0 only after a shutdown request).
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  startServer(connection);
}
