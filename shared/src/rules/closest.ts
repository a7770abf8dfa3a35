/**
 * The candidate closest to a mistyped word (case, a prefix, or at most two edits away). Among many
 * candidates (49 block drivers) two edits fit too many words by chance: there no more than one
 * edit per three letters (`foo` is not a typo of `ftp`).
 */
const MANY = 12;

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const exact = candidates.find((c) => c === word);
  if (exact) return exact;
  const prefixed = candidates.filter((c) => c.startsWith(word) || word.startsWith(c));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = (candidates.length > MANY ? Math.min(2, Math.floor(word.length / 3)) : 2) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Edits between two words, a swap of two neighbouring letters counting as one (`flie` → `file`). */
function editDistance(a: string, b: string): number {
  // Three rows: the one before the previous is where a swap comes from.
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}
