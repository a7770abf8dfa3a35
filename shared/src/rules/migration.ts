import type { Severity } from '../model';
import type { MigrationExpectation } from '../settings';

/** Migration rules warn when migration is expected, inform when unknown, and stay silent when never. */
export function migrationSeverity(expectation: MigrationExpectation): Severity | undefined {
  if (expectation === 'never') return undefined;
  return expectation === 'expected' ? 'warning' : 'information';
}
