/** Above each disk: its effective mode in one line, and for a local image the probe command. */
import type { CodeLens } from 'vscode-languageserver';
import type { Analysed } from './analyses';
import { PROBE_IMAGE } from './commands';
import { isProbeable, summaryOf } from './diskFacts';

export interface ProbeArguments {
  uri: string;
  path: string;
}

export function codeLenses(uri: string, analysed: Analysed): CodeLens[] {
  const { analysis } = analysed;
  if (analysis.kind === 'none') return [];
  const lenses: CodeLens[] = [];
  for (const analysedDisk of analysis.disks) {
    const { disk } = analysedDisk;
    const range = analysis.lines.rangeOf(disk.anchor);
    // An empty command id makes the lens a label: there is nothing to run.
    lenses.push({ range, command: { title: summaryOf(analysedDisk), command: '' } });
    if (disk.source && isProbeable(uri, analysedDisk)) {
      const args: ProbeArguments = { uri, path: disk.source.value };
      lenses.push({ range, command: { title: 'Probe native I/O', command: PROBE_IMAGE, arguments: [args] } });
    }
  }
  return lenses;
}
