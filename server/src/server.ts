/**
 * `vmdisk-language-server --stdio` (or `node dist/server.js --stdio`). stdio is also the default,
 * so no argument is required; `--node-ipc`, `--socket=N` and `--pipe=NAME` work as usual.
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';

// An editor keeps this process for the whole session. V8 grows its young generation up to 2 × 16 MB
// after the first large analysis and keeps it; at its initial size the heap stays small, for about
// the same speed since an analysis keeps little of what it allocates. Read when V8 resizes, so it
// takes effect even set here.
setFlagsFromString('--semi-space-growth-factor=1');

const otherTransport = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
const connection = otherTransport ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
startServer(connection);
