/** What the diagnostics need from a probe report (the rules' StorageFacts). Pure. */
import type { StorageFacts } from '../rules/types';
import type { ProbeReport } from './types';
import { directIOFailure, fsLabel } from './verdicts';

export function storageFactsOf(report: ProbeReport): StorageFacts {
  const facts: StorageFacts = {
    directIO: report.directIO.supported,
    filesystem: fsLabel(report.filesystem),
    shared: report.filesystem.shared,
    cluster: report.filesystem.cluster,
  };
  if (!report.directIO.supported) facts.directIOError = directIOFailure(report).replace(/^QEMU will refuse to start: /, '');
  return facts;
}
