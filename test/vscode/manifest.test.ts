/**
 * package.json as VS Code reads it: settings generated from the one schema in shared/, the
 * languages, activation, commands and trust declarations the extension relies on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vscodeConfigurationProperties } from '../../shared/src/settings';
import { ROOT } from './bundle.mjs';

interface Manifest {
  main: string;
  extensionKind: string[];
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  scripts: Record<string, string>;
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, Record<string, unknown>> };
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const clientSource = (file: string) => readFileSync(join(ROOT, 'client', 'src', file), 'utf8');

/** vscode-languageclient reads `<client id>.trace.server` itself; it is not a vmdisk setting. */
const TRACE_SETTING = 'vmdisk.trace.server';

describe('package.json contributes.configuration', () => {
  it('is exactly the shared settings schema, plus the language client trace setting', () => {
    const { [TRACE_SETTING]: trace, ...settings } = manifest.contributes.configuration.properties;
    // On drift, paste the expected object (printed by this failure) into package.json.
    expect(settings).toEqual(vscodeConfigurationProperties());
    expect(trace).toMatchObject({ type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off' });
  });

  it('names the trace setting after the client id the extension starts the client with', () => {
    expect(clientSource('languageClient.ts')).toMatch(/new LanguageClient\('vmdisk',/);
  });

  it('describes every setting and restricts the qemu-io path in untrusted workspaces', () => {
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) {
      expect(property.description, key).toEqual(expect.any(String));
      expect(property.default, key).not.toBeUndefined();
    }
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['vmdisk.probe.qemuIoPath']);
  });
});

describe('package.json for VS Code', () => {
  it('runs where the files and images are, and activates on its languages and commands only', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.extensionKind).toEqual(['workspace']);
    const commands = manifest.contributes.commands.map((c) => `onCommand:${c.command}`);
    expect(manifest.activationEvents.sort()).toEqual(
      ['onLanguage:xml', 'onLanguage:qemu-cmdline', 'onLanguage:shellscript', ...commands].sort(),
    );
  });

  it('contributes the qemu-cmdline language for *.args and *.qemu with its grammar and configuration', () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: 'qemu-cmdline', extensions: ['.args', '.qemu'], configuration: './language-configuration.json' });
    expect(manifest.contributes.grammars).toEqual([
      { language: 'qemu-cmdline', scopeName: 'source.qemu-cmdline', path: './syntaxes/qemu-cmdline.tmLanguage.json' },
    ]);
    const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'qemu-cmdline.tmLanguage.json'), 'utf8')) as { scopeName: string };
    expect(grammar.scopeName).toBe('source.qemu-cmdline');
    const configuration = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8')) as { comments: { lineComment: string } };
    expect(configuration.comments.lineComment).toBe('#');
  });

  it('gives every palette command a title and the vmdisk category, and the extension registers each', () => {
    const registered = clientSource('commandIds.ts');
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual([
      'vmdisk.checkLibvirtConnection',
      'vmdisk.openRuleDoc',
      'vmdisk.probeImageAtCursor',
      'vmdisk.restartServer',
      'vmdisk.showEffectiveCache',
      'vmdisk.switchEnvironment',
    ]);
    for (const c of manifest.contributes.commands) {
      expect(c.category).toBe('vmdisk');
      expect(c.title.length).toBeGreaterThan(5);
      expect(registered).toContain(`'${c.command}'`);
    }
  });

  it('packages with vsce 3 without dependencies and runs the in-editor suite under test-electron', () => {
    expect(manifest.scripts.package).toBe('npm run build && vsce package --no-dependencies');
    expect(manifest.scripts['test:vscode']).toBe('npm run build && node test/vscode/run-electron.mjs');
  });
});
