/** The analysis cache behind hover, code actions, lenses and symbols: one analysis per version and settings. */
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyses } from '../../server/src/lsp/analyses';
import type { SettingsSource } from '../../server/src/lsp/settings';
import { StorageFactsStore } from '../../server/src/lsp/storage';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { NATIVE_WRITEBACK_XML } from './fixtures';

function setup() {
  const docs = new Map<string, TextDocument>();
  const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
  const settings = { get: async () => DEFAULT_SETTINGS } as unknown as SettingsSource;
  return { docs, analyses: new Analyses(documents, settings, new StorageFactsStore()) };
}

describe('Analyses', () => {
  const uri = 'file:///tmp/a.xml';

  it('returns the same analysis while the version is unchanged: hover never re-parses', async () => {
    const { docs, analyses } = setup();
    docs.set(uri, TextDocument.create(uri, 'xml', 1, NATIVE_WRITEBACK_XML));
    const first = await analyses.current(uri);
    const second = await analyses.current(uri);
    expect(second!.analysis).toBe(first!.analysis);
    expect(first!.version).toBe(1);
  });

  it('analyses again for a new version, and after settings or probe results change', async () => {
    const { docs, analyses } = setup();
    const doc = TextDocument.create(uri, 'xml', 1, NATIVE_WRITEBACK_XML);
    docs.set(uri, doc);
    const v1 = await analyses.current(uri);
    docs.set(uri, TextDocument.update(doc, [{ text: NATIVE_WRITEBACK_XML.replace('writeback', 'none') }], 2));
    const v2 = await analyses.current(uri);
    expect(v2!.version).toBe(2);
    expect(v2!.analysis).not.toBe(v1!.analysis);
    expect(v2!.analysis.findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
    analyses.invalidateAll();
    const v2again = await analyses.current(uri);
    expect(v2again!.analysis).not.toBe(v2!.analysis);
  });

  it('nothing for closed documents or languages it does not serve', async () => {
    const { docs, analyses } = setup();
    expect(await analyses.current(uri)).toBeUndefined();
    docs.set('file:///tmp/readme.md', TextDocument.create('file:///tmp/readme.md', 'markdown', 1, '# hi'));
    expect(await analyses.current('file:///tmp/readme.md')).toBeUndefined();
  });
});
