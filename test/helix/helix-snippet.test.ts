/**
 * The Helix snippet of docs/editors.md (test/helix/languages.toml). Helix is not installable here
 * (no Debian package), so Helix itself never reads it. What is checked instead: it is valid TOML
 * with only the keys Helix accepts (Helix rejects unknown ones), and the server it names —
 * `command` + `args`, found on PATH — serves the files the snippet routes to it when spoken to
 * the way Helix speaks (initializationOptions = `config`, workspace/configuration answered from
 * `config`, language id = the language's `language-id` or else its name).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ConfigurationItem,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../shared/src/settings';
import { assertServerBuilt } from '../server/client';
import { editorsDocBlocks } from '../support/docSnippets';
import { EDITOR_FILES } from '../support/editorFiles';
import { editorEnv, SERVER_COMMAND } from '../support/editorEnv';
import { parseToml, type TomlTable, type TomlValue } from './toml';

const SNIPPET = join(__dirname, 'languages.toml');

/** Keys Helix accepts (helix-core/src/syntax/config.rs, `deny_unknown_fields`, Helix master 2026-07). */
const TOP_LEVEL_KEYS = ['language-server', 'language', 'grammar', 'use-grammars'];
const SERVER_KEYS = ['command', 'args', 'environment', 'config', 'timeout', 'required-root-patterns'];
const LANGUAGE_KEYS = [
  'name', 'language-id', 'scope', 'file-types', 'shebangs', 'roots', 'comment-token', 'comment-tokens',
  'block-comment-tokens', 'text-width', 'soft-wrap', 'auto-format', 'code-actions-on-save', 'formatter',
  'path-completion', 'word-completion', 'diagnostic-severity', 'grammar', 'injection-regex',
  'language-servers', 'indent', 'debugger', 'auto-pairs', 'rulers', 'workspace-lsp-roots',
  'persistent-diagnostic-sources', 'rainbow-brackets',
];
/**
 * What the snippet relies on in Helix's built-in languages.toml (Helix master 2026-07): `xml` and
 * `bash` exist, with these of their file types, and bash's default server.
 */
const BUILTIN_LANGUAGES: Record<string, { fileTypes: string[] }> = { xml: { fileTypes: ['xml'] }, bash: { fileTypes: ['sh'] } };
const BUILTIN_SERVERS = ['bash-language-server'];

const text = readFileSync(SNIPPET, 'utf8');
const toml = parseToml(text);
const servers = toml['language-server'] as TomlTable;
const vmdisk = servers.vmdisk as TomlTable;
const languages = toml.language as TomlTable[];

function serverNames(language: TomlTable): string[] {
  return ((language['language-servers'] ?? []) as TomlValue[]).map((s) => (typeof s === 'string' ? s : String((s as TomlTable).name)));
}

/** The language Helix picks for a file by extension, and the language id it sends. */
function languageFor(file: string): { name: string; languageId: string } {
  const ext = extname(file).slice(1);
  const language = languages.find((l) => {
    const fileTypes = (l['file-types'] as string[] | undefined) ?? BUILTIN_LANGUAGES[l.name as string]?.fileTypes ?? [];
    return fileTypes.includes(ext);
  });
  if (!language) throw new Error(`no language of the snippet takes .${ext} files`);
  return { name: language.name as string, languageId: (language['language-id'] as string | undefined) ?? (language.name as string) };
}

describe('the Helix snippet of docs/editors.md', () => {
  it('is in the doc verbatim', () => {
    expect(editorsDocBlocks('toml')).toContain(text);
  });

  it('has only keys Helix accepts', () => {
    expect(TOP_LEVEL_KEYS).toEqual(expect.arrayContaining(Object.keys(toml)));
    expect(SERVER_KEYS).toEqual(expect.arrayContaining(Object.keys(vmdisk)));
    for (const l of languages) expect(LANGUAGE_KEYS).toEqual(expect.arrayContaining(Object.keys(l)));
  });

  it('defines the vmdisk server as `vmdisk-language-server --stdio` with valid vmdisk settings', () => {
    expect(vmdisk.command).toBe(SERVER_COMMAND);
    expect(vmdisk.args).toEqual(['--stdio']);
    const { settings, problems } = resolveSettings((vmdisk.config as TomlTable).vmdisk);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ environment: 'production', migration: 'expected', qemuVersion: '7.2', libvirtVersion: '9.0.0' });
  });

  it('adds vmdisk to xml and bash (keeping bash-language-server) and defines qemu-cmdline for .args/.qemu', () => {
    expect(languages.map((l) => [l.name, serverNames(l)])).toEqual([
      ['xml', ['vmdisk']],
      ['bash', ['bash-language-server', 'vmdisk']],
      ['qemu-cmdline', ['vmdisk']],
    ]);
    const qemu = languages.find((l) => l.name === 'qemu-cmdline')!;
    expect(qemu['file-types']).toEqual(['args', 'qemu']);
  });

  it('gives a new language what Helix requires (scope, file-types) and names only defined servers', () => {
    for (const l of languages) {
      if (!(String(l.name) in BUILTIN_LANGUAGES)) {
        expect(typeof l.scope).toBe('string');
        expect(Array.isArray(l['file-types'])).toBe(true);
      }
      for (const s of serverNames(l)) expect(s in servers || BUILTIN_SERVERS.includes(s)).toBe(true);
    }
  });
});

describe('the server the Helix snippet names, spoken to as Helix does', () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  const published: PublishDiagnosticsParams[] = [];
  const waiting: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  /** The first diagnostics for `uri`, already received or still to come. */
  function diagnosticsFor(uri: string): Promise<PublishDiagnosticsParams> {
    const found = published.find((p) => p.uri === uri);
    return found ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ uri, resolve }));
  }
  const configurationRequests: ConfigurationItem[] = [];
  const config = vmdisk.config as TomlTable;

  /** Helix answers workspace/configuration by walking `config` along the section's dotted parts. */
  function helixAnswer(item: ConfigurationItem): unknown {
    let value: unknown = config;
    for (const part of (item.section ?? '').split('.').filter(Boolean)) value = (value as Record<string, unknown> | undefined)?.[part];
    return value ?? null;
  }

  beforeAll(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vmdisk-helix-'));
    child = spawn(vmdisk.command as string, vmdisk.args as string[], { cwd: dir, env: editorEnv(dir, {}), stdio: 'pipe' });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of waiting.filter((w) => w.uri === p.uri)) w.resolve(p);
    });
    connection.onRequest(ConfigurationRequest.type, (p) => {
      configurationRequests.push(...p.items);
      return p.items.map(helixAnswer);
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } } },
      initializationOptions: config,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'helix' }],
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: config });
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    connection?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  EDITOR_FILES.forEach((file) => {
    it(`${file.name}: native-aio-needs-direct, with the snippet's settings`, async () => {
      const uri = pathToFileURL(join(dir, file.name)).href;
      const { languageId } = languageFor(file.name);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text: file.text } });
      const { diagnostics } = await diagnosticsFor(uri);
      expect(diagnostics.find((d) => d.code === 'native-aio-needs-direct')).toMatchObject({
        severity: 1,
        range: { start: { line: file.line, character: file.character } },
      });
      // migration = "expected" in the snippet's config: a warning, not the default information.
      expect(diagnostics.find((d) => d.code === 'migration-unsafe-cache')?.severity).toBe(2);
      expect(configurationRequests.some((item) => item.scopeUri === uri && item.section === 'vmdisk')).toBe(true);
    });
  });

  it('sends Helix language ids the server knows: xml, qemu-cmdline, bash', () => {
    expect(EDITOR_FILES.map((f) => languageFor(f.name))).toEqual([
      { name: 'xml', languageId: 'xml' },
      { name: 'qemu-cmdline', languageId: 'qemu-cmdline' },
      { name: 'bash', languageId: 'bash' },
    ]);
  });

  it('shuts down and exits with 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    expect(await exited).toBe(0);
  });
});
