import type { Finding, RuleFinding } from './types';

/**
 * What a rule returns when it has nothing to say: one array for every disk and rule, instead of a
 * new empty one each time (a 2,000-disk document asks ten rules each). Typed read-only; it is not
 * frozen: V8 iterates a frozen array through a slower path that allocates an iterator per loop.
 */
export const NO_FINDINGS: readonly RuleFinding[] = [];

/** The same for a finding without related places or fixes, which most are. */
export const NO_RELATED: Finding['related'] = [];
export const NO_FIXES: Finding['fixes'] = [];
