import { fork, spawn } from 'node:child_process';
import { ExitNotification, InitializeRequest, ShutdownRequest } from 'vscode-languageserver-protocol';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, codes, fullCapabilities, SERVER, startedPerTest, TestClient } from './client';
import { NATIVE_WRITEBACK_XML } from './fixtures';

beforeAll(assertServerBuilt);

const start = startedPerTest(afterEach);

describe('server lifecycle over stdio', () => {
  it('answers initialize with static capabilities and incremental sync', async () => {
    const c = await start();
    const caps = c.initializeResult.capabilities;
    expect(caps.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.completionProvider?.triggerCharacters).toEqual(expect.arrayContaining(["'", '"', '=']));
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.vmdisk'], resolveProvider: true });
    expect(caps.codeLensProvider).toEqual({ resolveProvider: false });
    expect(caps.documentSymbolProvider).toBe(true);
    expect(caps.executeCommandProvider).toEqual({ commands: ['vmdisk.probeImage', 'vmdisk.openRuleDoc'], workDoneProgress: true });
    expect(c.initializeResult.serverInfo?.name).toBe('vmdisk');
  });

  it('registers didChangeConfiguration dynamically only when the client supports it', async () => {
    const dynamic = await start();
    // The registration request is sent after `initialized`; a round trip later it has arrived.
    await dynamic.open('untitled:probe-order', 'xml', '<domain/>');
    expect(dynamic.registrations.map((r) => r.method)).toEqual(['workspace/didChangeConfiguration']);
    const caps = fullCapabilities();
    caps.workspace!.didChangeConfiguration = { dynamicRegistration: false };
    const fixed = await start({ capabilities: caps });
    await fixed.open('untitled:probe-order', 'xml', '<domain/>');
    expect(fixed.registrations).toEqual([]);
  });

  it('needs no argument: stdio is the default transport', async () => {
    const c = await start({ args: [] });
    const d = await c.open('file:///tmp/vm.xml', 'xml', NATIVE_WRITEBACK_XML);
    expect(codes(d)).toContain('native-aio-needs-direct');
  });

  it('leaves commands the client implements itself out of executeCommandProvider', async () => {
    const c = await start({ initializationOptions: { debounceMs: 0, clientCommands: ['vmdisk.openRuleDoc', 'vmdisk.probeImage'] } });
    expect(c.initializeResult.capabilities.executeCommandProvider?.commands).toEqual([]);
  });

  it('vmdisk.openRuleDoc without window/showDocument: the URL as a message', async () => {
    const caps = fullCapabilities();
    delete caps.window!.showDocument;
    const c = await start({ capabilities: caps });
    expect(await c.executeCommand('vmdisk.openRuleDoc', ['file:///x/docs/rules/native-aio-needs-direct.md'])).toEqual({ opened: false });
    expect(c.shownDocuments).toEqual([]);
    expect((await c.messages.next(() => true)).message).toBe('vmdisk documentation: file:///x/docs/rules/native-aio-needs-direct.md');
  });

  it('speaks over Node IPC too (what vscode-languageclient uses)', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      expect(init.serverInfo?.name).toBe('vmdisk');
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification(ExitNotification.type);
      expect(await exited).toBe(0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  it('exits 0 after shutdown and exit', async () => {
    const c = await TestClient.start();
    expect(await c.stop()).toBe(0);
  });

  it('exits 1 when the client closes stdin without shutdown', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exited).toBe(1);
  });

  it('exits 0 when the client closes stdin after shutdown, without exit', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
