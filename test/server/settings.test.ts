/** Settings per document from clients with workspace/configuration, and from clients without it. */
import type { ConfigurationItem } from 'vscode-languageserver-protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, codes, fullCapabilities, startedPerTest } from './client';
import { UNSAFE_XML } from './fixtures';

beforeAll(assertServerBuilt);

const start = startedPerTest(afterEach);

const PROD = 'file:///ws/prod/vm.xml';
const DEV = 'file:///ws/dev/vm.xml';

describe('a client with workspace/configuration (multi-root: each folder may differ)', () => {
  it('asks per document (section vmdisk, scopeUri) and applies each answer to its document', async () => {
    const folders: Record<string, unknown> = { '/ws/prod/': { environment: 'production' }, '/ws/dev/': { environment: 'development' } };
    const c = await start({
      configuration: (item: ConfigurationItem) => Object.entries(folders).find(([folder]) => item.scopeUri?.includes(folder))?.[1],
    });
    const prod = await c.open(PROD, 'xml', UNSAFE_XML);
    const dev = await c.open(DEV, 'xml', UNSAFE_XML);
    expect(codes(prod)).toContain('unsafe-cache-in-production');
    expect(codes(dev)).not.toContain('unsafe-cache-in-production');
    expect(c.configurationRequests.flat()).toEqual(expect.arrayContaining([
      { scopeUri: PROD, section: 'vmdisk' },
      { scopeUri: DEV, section: 'vmdisk' },
    ]));
  });

  it('a configuration change re-checks open documents with the new answers', async () => {
    let severity = 'warning';
    const c = await start({ configuration: () => ({ rules: { 'unsafe-cache-in-production': severity } }) });
    const before = await c.open(PROD, 'xml', UNSAFE_XML);
    expect(before.diagnostics.find((d) => d.code === 'unsafe-cache-in-production')?.severity).toBe(2);
    severity = 'error';
    const seen = c.diagnostics.received.length;
    // Pull clients send no settings with the notification: it only says "ask again".
    await c.changeConfiguration(null);
    const after = await c.diagnostics.next((p) => p.uri === PROD, seen);
    expect(after.version).toBe(1);
    expect(after.diagnostics.find((d) => d.code === 'unsafe-cache-in-production')?.severity).toBe(1);
  });

  it('does not ask again on every keystroke', async () => {
    const c = await start({ configuration: () => ({}) });
    await c.open(PROD, 'xml', UNSAFE_XML);
    for (let i = 0; i < 3; i++) await c.change(PROD, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    expect(c.configurationRequests.flat().filter((i) => i.scopeUri === PROD)).toHaveLength(1);
  });

  it('bad values fall back to defaults, logged once, shown once', async () => {
    const c = await start({ configuration: () => ({ environment: 'staging', rules: { 'unsafe-cache-in-production': 'loud' } }) });
    const d = await c.open(PROD, 'xml', UNSAFE_XML);
    await c.open(DEV, 'xml', UNSAFE_XML);
    expect(codes(d)).toContain('unsafe-cache-in-production');
    const logged = c.logs.received.map((l) => l.message);
    expect(logged.filter((m) => m.startsWith('vmdisk.environment:'))).toHaveLength(1);
    expect(logged.filter((m) => m.startsWith('vmdisk.rules.unsafe-cache-in-production:'))).toHaveLength(1);
    expect(c.messages.received).toHaveLength(1);
    expect(c.messages.received[0].message).toContain('vmdisk.environment');
  });
});

describe('a client without workspace/configuration', () => {
  function capabilities() {
    const caps = fullCapabilities();
    caps.workspace = { configuration: false, didChangeConfiguration: { dynamicRegistration: false } };
    return caps;
  }

  it('uses initializationOptions and never asks', async () => {
    const c = await start({
      capabilities: capabilities(),
      initializationOptions: { debounceMs: 0, settings: { vmdisk: { environment: 'development' } } },
    });
    const d = await c.open(PROD, 'xml', UNSAFE_XML);
    expect(codes(d)).not.toContain('unsafe-cache-in-production');
    expect(c.configurationRequests).toEqual([]);
  });

  it('takes the settings didChangeConfiguration carries and re-checks', async () => {
    const c = await start({ capabilities: capabilities(), initializationOptions: { debounceMs: 0 } });
    const before = await c.open(PROD, 'xml', UNSAFE_XML);
    expect(codes(before)).toContain('unsafe-cache-in-production');
    const seen = c.diagnostics.received.length;
    await c.changeConfiguration({ vmdisk: { rules: { 'unsafe-cache-in-production': 'off' } } });
    const after = await c.diagnostics.next((p) => p.uri === PROD, seen);
    expect(codes(after)).not.toContain('unsafe-cache-in-production');
    // Another extension's section changing leaves ours alone.
    const seen2 = c.diagnostics.received.length;
    await c.changeConfiguration({ other: { x: 1 } });
    const again = await c.diagnostics.next((p) => p.uri === PROD, seen2);
    expect(codes(again)).not.toContain('unsafe-cache-in-production');
  });
});
