/**
 * What code lenses and document symbols show of each disk, remembered per analysed disk: editors
 * ask for both after every edit, and an incremental analysis keeps the objects of the disks the
 * edit did not touch, so only the edited disk is described again.
 */
import type { AnalyzedDisk } from '../../../shared/src/analyze';
import { describeFlags } from '../../../shared/src/hover/describeFlags';
import { localImagePath } from './localPath';

const summaries = new WeakMap<AnalyzedDisk, string>();
const probeable = new WeakMap<AnalyzedDisk, boolean>();

/** The disk's effective mode in one line. */
export function summaryOf(analysed: AnalyzedDisk): string {
  let summary = summaries.get(analysed);
  if (summary === undefined) {
    summary = describeFlags(analysed.effective, analysed.disk);
    summaries.set(analysed, summary);
  }
  return summary;
}

/** Whether the disk's source is an image on this host (an analysis belongs to one document, `uri`). */
export function isProbeable(uri: string, analysed: AnalyzedDisk): boolean {
  let known = probeable.get(analysed);
  if (known === undefined) {
    const { disk } = analysed;
    known = disk.source !== null && localImagePath(uri, disk.source.value, disk.sourceType).ok;
    probeable.set(analysed, known);
  }
  return known;
}
