import type { Severity, Span } from '../model';
import { NO_FIXES } from './none';
import type { Finding, Fix, RuleFinding } from './types';

/**
 * A rule's finding whose fixes are built the first time they are read. A 2,000-disk document has
 * thousands of findings and an editor asks for the fixes of one at a time; building them all up
 * front was an eighth of an analysis's allocation. Until built, fixes hold no offsets, so an
 * incremental re-analysis has nothing of theirs to move: they are built from the moved disk and
 * the document's current text (`RuleContext.document`).
 */
export class FindingWithLazyFixes implements Finding {
  private built: readonly Fix[] | undefined;

  constructor(
    readonly code: string,
    readonly severity: Severity,
    public message: string,
    readonly span: Span,
    readonly related: Finding['related'],
    private build: RuleFinding['fixes'],
  ) {}

  get fixes(): readonly Fix[] {
    if (this.built === undefined) {
      const made = this.build?.();
      this.build = undefined;
      this.built = made ? made.filter((f): f is Fix => f !== undefined) : NO_FIXES;
    }
    return this.built;
  }

  set fixes(fixes: readonly Fix[]) {
    this.build = undefined;
    this.built = fixes;
  }

  /** The fixes if they have been built; undefined while they would still be built on reading. */
  get builtFixes(): readonly Fix[] | undefined {
    return this.build === undefined ? this.fixes : undefined;
  }
}
