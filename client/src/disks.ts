/**
 * The disks of a document as the server sees them, through the standard providers: one document
 * symbol per disk (range = the whole disk, detail = its effective mode) and, for a disk whose source
 * is a local image, a code lens carrying the probe command with its arguments.
 */
import * as vscode from 'vscode';
import { PROBE_IMAGE } from './commandIds';
import type { ProbeTarget } from './commands/probe';

export interface DiskSymbol {
  name: string;
  /** One line: cache mode, O_DIRECT or page cache, write cache, flushes, aio, migration. */
  effective: string;
  range: vscode.Range;
}

export async function disksOf(document: vscode.TextDocument): Promise<DiskSymbol[]> {
  const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
    'vscode.executeDocumentSymbolProvider',
    document.uri,
  );
  return (symbols ?? []).map((s) =>
    'range' in s ? { name: s.name, effective: s.detail, range: s.range } : { name: s.name, effective: '', range: s.location.range },
  );
}

/** The innermost disk whose range holds the position. */
export function diskAt(disks: readonly DiskSymbol[], position: vscode.Position): DiskSymbol | undefined {
  return disks
    .filter((d) => d.range.contains(position))
    .reduce<DiskSymbol | undefined>((inner, d) => (inner && inner.range.start.isAfter(d.range.start) ? inner : d), undefined);
}

/** The probe target of a disk: the arguments of the probe lens the server put inside its range. */
export async function probeTargetOf(document: vscode.TextDocument, disk: DiskSymbol): Promise<ProbeTarget | undefined> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', document.uri, 100);
  const lens = (lenses ?? []).find((l) => l.command?.command === PROBE_IMAGE && disk.range.contains(l.range));
  const target = lens?.command?.arguments?.[0] as Partial<ProbeTarget> | undefined;
  return typeof target?.uri === 'string' && typeof target.path === 'string' ? { uri: target.uri, path: target.path } : undefined;
}
