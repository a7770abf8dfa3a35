/** "Probe the image of the disk under the cursor": finds the disk, then runs the probe on its image. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { diskAt, disksOf, probeTargetOf } from '../disks';
import type { Reports } from '../reports';
import { probeImage, type ProbeOutcome } from './probe';

export async function probeImageAtCursor(client: LanguageClient, reports: Reports): Promise<ProbeOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('vmdisk: open a domain XML or QEMU command line and put the cursor in a disk.');
    return undefined;
  }
  const disk = diskAt(await disksOf(editor.document), editor.selection.active);
  if (!disk) {
    void vscode.window.showInformationMessage('vmdisk: the cursor is not inside a disk (a <disk> element, or a -drive/-blockdev/-device option).');
    return undefined;
  }
  const target = await probeTargetOf(editor.document, disk);
  if (!target) {
    void vscode.window.showInformationMessage(`vmdisk: disk ${disk.name} has no image on this host to probe (network or volume source, a shell variable, or no source).`);
    return undefined;
  }
  return probeImage(client, reports, target);
}
