/** What probes found about images, by absolute path; it feeds diagnostics until the server stops. */
import { resolve } from 'node:path';
import type { Disk } from '../../../shared/src/model';
import { storageFactsOf } from '../../../shared/src/probe/storageFacts';
import type { ProbeReport } from '../../../shared/src/probe/types';
import type { StorageFacts } from '../../../shared/src/rules/types';
import { localImagePath } from './localPath';

export class StorageFactsStore {
  private readonly byPath = new Map<string, StorageFacts>();

  record(requestedPath: string, report: ProbeReport): void {
    const facts = storageFactsOf(report);
    // The disk may name the image by the path as written or by where its symlinks lead.
    this.byPath.set(resolve(requestedPath), facts);
    this.byPath.set(resolve(report.path), facts);
  }

  /** The lookup `analyzeText` takes, for the disks of one document. */
  lookupFor(documentUri: string): ((disk: Disk) => StorageFacts | undefined) | undefined {
    if (this.byPath.size === 0) return undefined;
    return (disk) => {
      if (!disk.source) return undefined;
      const local = localImagePath(documentUri, disk.source.value, disk.sourceType);
      return local.ok ? this.byPath.get(resolve(local.path)) : undefined;
    };
  }
}
