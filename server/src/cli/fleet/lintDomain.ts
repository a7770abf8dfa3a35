/**
 * A domain's definitions through the same core as files. The running definition is reported
 * only when what vmdisk says about it differs from the inactive one: libvirt's live XML always
 * differs in text (ids, aliases, runtime paths), rarely in cache or AIO settings, and when it does
 * that is worth seeing — the guest runs with settings it will not boot with again, or the reverse.
 */
import { analyzeText, type Analysis } from '../../../../shared/src/analyze';
import { diagnosticReports, diskReports } from '../../../../shared/src/report';
import type { Settings } from '../../../../shared/src/settings';
import type { LintedFile } from '../lint';
import type { DomainDefinition } from './collectHost';
import { domainLocation } from './location';

export function lintDomain(uri: string, domain: DomainDefinition, settings: Partial<Settings>): LintedFile[] {
  const location = domainLocation(uri, domain.name);
  const inactive = analyzeText(domain.inactive, { uri: location, languageId: 'xml', settings });
  const files: LintedFile[] = [{ path: location, analysis: inactive }];
  if (domain.live !== undefined) {
    const liveLocation = domainLocation(uri, domain.name, true);
    const live = analyzeText(domain.live, { uri: liveLocation, languageId: 'xml', settings });
    if (verdict(live) !== verdict(inactive)) files.push({ path: liveLocation, analysis: live });
  }
  return files;
}

/** What vmdisk says about a definition, without positions: its disks' settings and the findings. */
function verdict(analysis: Analysis): string {
  return JSON.stringify({
    disks: diskReports(analysis).map(({ range: _range, ...disk }) => disk),
    findings: diagnosticReports(analysis).map(({ range: _range, ...finding }) => finding),
  });
}
