/**
 * Pulled diagnostics (`textDocument/diagnostic`) for clients that declare them, as VS Code's
 * client does: the same diagnostics a push gives, `unchanged` while an edit leaves them as they
 * were, and a refresh request when settings change them all.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCapabilities, DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { assertServerBuilt, fullCapabilities, positionOf, startedPerTest, type TestClient } from './client';

const start = startedPerTest(afterEach);
beforeAll(assertServerBuilt);

const disk = (dev: string, driver: string) =>
  `\t<disk type='file' device='disk'>\r\n\t\t<driver name='qemu' ${driver}/>\r\n\t\t<source file='/images/ünï-😀-${dev}.raw'/>\r\n\t\t<target dev='${dev}'/>\r\n\t</disk>\r\n`;
const TEXT = `<domain>\r\n<devices>\r\n${disk('vda', "type='raw' cache='writeback' io='native'")}${disk('vdb', "type='raw' cache='unsafe'")}${disk('vdc', "type='raw' io='native'")}</devices>\r\n</domain>\r\n`;
const URI = 'file:///tmp/pull/dömain.xml';
/** The findings of vda and vdc: a cache mode that blocks migration, and native AIO without O_DIRECT. */
const VDA = ['migration-unsafe-cache', 'native-aio-needs-direct'];
const VDC = VDA;

function pullingCapabilities(refreshSupport = true): ClientCapabilities {
  const caps = fullCapabilities();
  caps.textDocument!.diagnostic = { dynamicRegistration: false };
  caps.workspace!.diagnostics = { refreshSupport };
  return caps;
}

function full(report: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  if (report.kind !== 'full') throw new Error(`expected a full report, got ${JSON.stringify(report)}`);
  return report;
}

/** What a client that cannot pull gets pushed for `text`. */
async function pushedFor(text: string) {
  const pushing = await start();
  return (await pushing.open(URI, 'xml', text)).diagnostics;
}

/** A request answered after everything sent before it was handled. */
const roundTrip = (c: TestClient) => c.hover(URI, { line: 0, character: 0 });

/** Type `text` at `needle` (+`delta`), or delete `deleteCount` characters there. */
function edit(c: TestClient, needle: string, delta: number, text: string, deleteCount = 0): void {
  const start = positionOf(c.text(URI), needle, delta);
  c.sendChange(URI, [{ range: { start, end: { line: start.line, character: start.character + deleteCount } }, text }]);
}

describe('pulled diagnostics', () => {
  it('are offered to a client that can pull, equal what a push gives, and are then never pushed', async () => {
    const pushing = await start();
    expect(pushing.initializeResult.capabilities.diagnosticProvider).toBeUndefined();
    const c = await start({ capabilities: pullingCapabilities() });
    expect(c.initializeResult.capabilities.diagnosticProvider).toEqual({ identifier: 'vmdisk', interFileDependencies: false, workspaceDiagnostics: false });
    await c.sendOpen(URI, 'xml', TEXT);
    const report = full(await c.pull(URI));
    expect(report.resultId).toBeTruthy();
    expect(report.items.map((d) => d.code)).toEqual([...VDA, 'unsafe-cache-in-production', 'migration-unsafe-cache', ...VDC]);
    expect(report.items).toEqual(await pushedFor(TEXT));
    edit(c, '-vda.raw', 0, 'x');
    await c.pull(URI, report.resultId);
    await roundTrip(c);
    expect(c.diagnostics.received).toEqual([]);
  });

  it('answer unchanged while edits leave every diagnostic as it was, also inside a disk with findings', async () => {
    const c = await start({ capabilities: pullingCapabilities() });
    await c.sendOpen(URI, 'xml', TEXT);
    const { resultId } = full(await c.pull(URI));
    // vda's path, a line below its two findings: the disk is read again, its findings are new objects.
    edit(c, '-vda.raw', 0, 'x😀');
    expect(await c.pull(URI, resultId)).toEqual({ kind: 'unchanged', resultId });
    // After the last finding on vda's driver line (its io value).
    edit(c, "io='native'/>", 13, '\t');
    expect(await c.pull(URI, resultId)).toEqual({ kind: 'unchanged', resultId });
    edit(c, '-vda.raw', 0, '', 3);
    expect(await c.pull(URI, resultId)).toEqual({ kind: 'unchanged', resultId });
  });

  it('send the whole list under a new id when a diagnostic changed or moved, as a push of the text would', async () => {
    const c = await start({ capabilities: pullingCapabilities() });
    await c.sendOpen(URI, 'xml', TEXT);
    const first = full(await c.pull(URI));
    edit(c, "'unsafe'", 1, 'none', 'unsafe'.length);
    const second = full(await c.pull(URI, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(second.items.map((d) => d.code)).toEqual([...VDA, ...VDC]);
    expect(second.items).toEqual(await pushedFor(c.text(URI)));
    // A column moves: before vda's cache value, on the line of both its findings.
    edit(c, "cache='writeback'", 0, ' ');
    const third = full(await c.pull(URI, second.resultId));
    expect(third.resultId).not.toBe(second.resultId);
    expect(third.items[0].range.start.character).toBe(second.items[0].range.start.character + 1);
    expect(third.items).toEqual(await pushedFor(c.text(URI)));
    // Every line moves.
    edit(c, '<devices>', 0, '\r\n');
    const fourth = full(await c.pull(URI, third.resultId));
    expect(fourth.items.map((d) => d.range.start.line)).toEqual(third.items.map((d) => d.range.start.line + 1));
    expect(fourth.items).toEqual(await pushedFor(c.text(URI)));
  });

  it('give the whole list to a client that names a report it does not hold', async () => {
    const c = await start({ capabilities: pullingCapabilities() });
    await c.sendOpen(URI, 'xml', TEXT);
    const first = full(await c.pull(URI));
    for (const named of [undefined, 'no-such-report', `${first.resultId}0`]) {
      const again = full(await c.pull(URI, named));
      expect(again.resultId).toBe(first.resultId);
      expect(again.items).toEqual(first.items);
    }
  });

  it('are asked for again when settings change, and then show them', async () => {
    let rules = {};
    const c = await start({ capabilities: pullingCapabilities(), configuration: () => ({ rules }) });
    await c.sendOpen(URI, 'xml', TEXT);
    const first = full(await c.pull(URI));
    expect(first.items.map((d) => d.code)).toContain('unsafe-cache-in-production');
    rules = { 'unsafe-cache-in-production': 'off' };
    await c.changeConfiguration(null);
    await roundTrip(c);
    expect(c.refreshes).toBe(1);
    const second = full(await c.pull(URI, first.resultId));
    expect(second.items.map((d) => d.code)).toEqual([...VDA, 'migration-unsafe-cache', ...VDC]);
    // A client that cannot be asked is not.
    const quiet = await start({ capabilities: pullingCapabilities(false), configuration: () => ({ rules }) });
    await quiet.sendOpen(URI, 'xml', TEXT);
    await quiet.changeConfiguration(null);
    await roundTrip(quiet);
    expect(quiet.refreshes).toBe(0);
  });

  it('of a closed or unknown document are an empty list with no id', async () => {
    const c = await start({ capabilities: pullingCapabilities() });
    await c.sendOpen(URI, 'xml', TEXT);
    full(await c.pull(URI));
    await c.close(URI);
    expect(await c.pull(URI)).toEqual({ kind: 'full', items: [] });
    expect(await c.pull('file:///tmp/pull/never-opened.xml')).toEqual({ kind: 'full', items: [] });
  });
});
