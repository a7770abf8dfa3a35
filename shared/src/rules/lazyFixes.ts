import type { DiskOffsets } from '../diskOffsets';
import type { Severity, Span } from '../model';
import { NO_FIXES } from './none';
import type { Finding, Fix, RuleFinding } from './types';

/**
 * A rule's finding whose fixes are built the first time they are read. A 2,000-disk document has
 * thousands of findings and an editor asks for the fixes of one at a time; building them all up
 * front was an eighth of an analysis's allocation. Until built, fixes hold no offsets, so an
 * incremental re-analysis has nothing of theirs to move: they are built from the moved disk (its
 * moves written first) and the document's current text (`RuleContext.document`). Built, their
 * edits hold copies of the disk's spans, as the finding does: they move with the finding.
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
    private readonly offsets: DiskOffsets,
    private readonly diskIndex: number,
  ) {}

  get fixes(): readonly Fix[] {
    if (this.built === undefined) {
      if (this.build) this.offsets.settle(this.diskIndex);
      const made = this.build?.();
      this.build = undefined;
      this.built = made ? made.filter((f): f is Fix => f !== undefined).map(ownSpans) : NO_FIXES;
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

function ownSpans(fix: Fix): Fix {
  return { ...fix, edits: fix.edits.map((e) => ({ span: { start: e.span.start, end: e.span.end }, newText: e.newText })) };
}
