/** Above each disk: its effective mode in one line, and for a local image the probe command. */
import type { CodeLens } from 'vscode-languageserver';
import { describeFlags } from '../../../shared/src/hover/describeFlags';
import type { Analysed } from './analyses';
import { PROBE_IMAGE } from './commands';
import { localImagePath } from './localPath';

export interface ProbeArguments {
  uri: string;
  path: string;
}

export function codeLenses(uri: string, analysed: Analysed): CodeLens[] {
  const { analysis } = analysed;
  if (analysis.kind === 'none') return [];
  const lenses: CodeLens[] = [];
  for (const { disk, effective } of analysis.disks) {
    const range = analysis.lines.rangeOf(disk.anchor);
    // An empty command id makes the lens a label: there is nothing to run.
    lenses.push({ range, command: { title: describeFlags(effective, disk), command: '' } });
    if (disk.source && localImagePath(uri, disk.source.value, disk.sourceType).ok) {
      const args: ProbeArguments = { uri, path: disk.source.value };
      lenses.push({ range, command: { title: 'Probe native I/O', command: PROBE_IMAGE, arguments: [args] } });
    }
  }
  return lenses;
}
