/**
 * `vmdisk-language-server --stdio` (or `node dist/server.js --stdio`). stdio is also the default,
 * so no argument is required; `--node-ipc`, `--socket=N` and `--pipe=NAME` work as usual.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';

const otherTransport = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
const connection = otherTransport ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
startServer(connection);
