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

export interface RuleContext {
  /** The whole document, for edits that look around a setting. */
  text: string;
  settings: Settings;
  effective: EffectiveCache;
  /** Probe results for the disk's source path, when known. */
  storage?: StorageFacts;
}

/** A finding as a rule reports it; the runner adds the code and the configured severity. */
export type RuleFinding = Omit<Finding, 'code' | 'severity' | 'related' | 'fixes'> &
  Partial<Pick<Finding, 'related' | 'fixes'>> & {
    /** A severity other than the rule's default that this case calls for (e.g. migration `unknown` → information). */
    severity?: Severity;
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
