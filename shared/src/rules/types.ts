import type { EffectiveCache } from '../effectiveCache';
import type { Disk, Severity, Span } from '../model';
import type { Settings } from '../settings';

/** A text replacement on the document, by offsets. */
export interface Edit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
  /** The fix an editor offers first (and "fix all" applies). */
  preferred?: boolean;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /** Other places involved, e.g. the `-device` whose `write-cache` overrides the drive. */
  related: readonly { span: Span; message: string }[];
  fixes: readonly Fix[];
}

/** What the probe learnt about an image's storage, when it has been probed. */
export interface StorageFacts {
  directIO: boolean;
  directIOError?: string;
  filesystem: string;
  shared: boolean;
  cluster: boolean;
}

/**
 * The text of a document whose analysis is kept up to date: an incremental re-analysis moves it on
 * to the edited text, so fixes built later read the text their (moved) disk now sits in.
 */
export interface DocumentText {
  readonly text: string;
}

export interface RuleContext {
  /** The whole document, for edits that look around a setting. Read it when building fixes, not before. */
  document: DocumentText;
  settings: Settings;
  effective: EffectiveCache;
  /** Probe results for the disk's source path, when known. */
  storage?: StorageFacts;
}

/**
 * A finding as a rule reports it; the runner adds the code and the configured severity. Its fixes
 * are built when first asked for (a code action, fix-all), not for every finding shown: a large
 * document has thousands. Fixes that turn out impossible are left out as `undefined`.
 */
export type RuleFinding = Omit<Finding, 'code' | 'severity' | 'related' | 'fixes'> &
  Partial<Pick<Finding, 'related'>> & {
    /** A severity other than the rule's default that this case calls for (e.g. migration `unknown` → information). */
    severity?: Severity;
    /**
     * Make this function in a helper of its own, not inside `check`: a closure there makes V8
     * allocate `check`'s context on every call, for every disk, finding or not.
     */
    fixes?: () => readonly (Fix | undefined)[];
  };

export interface Rule {
  code: string;
  defaultSeverity: Severity;
  /** One line for rule tables, SARIF and the docs index. */
  summary: string;
  /** Whether at least one of its findings has a safe fix. */
  hasFix: boolean;
  check(disk: Disk, ctx: RuleContext): readonly RuleFinding[];
}
