/**
 * An analysis nobody holds must be garbage to V8's young-generation collector, not only to a full
 * collection. When each analysis had a getter of its own, its hidden class (kept in the old
 * generation until a full collection) held the disk model alive through every young collection,
 * which copied it and then promoted it: a full analysis of a 2,000-disk domain cost twice its own
 * work, and every keystroke's analysis ended up in the old generation.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyzeText, type Analysis } from '../../shared/src/analyze';
import { reanalyzeEdit } from '../../shared/src/incremental';

type Gc = (options?: { type: 'minor' | 'major' }) => void;

function exposedGc(): Gc {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as Gc;
  setFlagsFromString('--no-expose-gc');
  return gc;
}

const disk = (i: number) =>
  `    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2' cache='writeback' io='native'/>\n      <source file='/var/lib/libvirt/images/guest-${i}.qcow2'/>\n      <target dev='vd${i}' bus='virtio'/>\n    </disk>\n`;
/** 200 disks: an analysis of about half a megabyte. */
const text = `<domain type='kvm'>\n  <devices>\n${Array.from({ length: 200 }, (_, i) => disk(i)).join('')}  </devices>\n</domain>\n`;
const at = text.indexOf("cache='writeback'") + "cache='".length;
const edited = text.slice(0, at) + 'none' + text.slice(at + 'writeback'.length);

const oldGeneration = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? Number.NaN;

/** How much the old generation grows over 20 analyses, each dropped and followed by a young collection. */
function oldGrowth(gc: Gc, analyse: () => Analysis): number {
  const rounds = (n: number) => {
    for (let i = 0; i < n; i++) {
      analyse();
      gc({ type: 'minor' });
    }
  };
  gc();
  // A full collection shrinks the young generation: while it grows back, collections come in the
  // middle of an analysis, and an analysis that sees two of them is promoted while still in use.
  rounds(10);
  const before = oldGeneration();
  rounds(20);
  return oldGeneration() - before;
}

describe('analyses left behind', () => {
  const gc = exposedGc();

  it('a full analysis is freed by young-generation collections', () => {
    // Kept alive, the 20 would put about 9 MB in the old generation.
    expect(oldGrowth(gc, () => analyzeText(text, { languageId: 'xml' }))).toBeLessThan(2_000_000);
  });

  it('an analysis of a keystroke, and the one it was made from, too', () => {
    const keystroke = () => {
      const edit = reanalyzeEdit(analyzeText(text, { languageId: 'xml' }), { start: at, end: at + 'writeback'.length, newLength: 4 }, edited, { languageId: 'xml' });
      if (!edit) throw new Error('an edit inside one disk was not re-analysed incrementally');
      return edit;
    };
    expect(keystroke().findings.length).toBeLessThan(analyzeText(text, { languageId: 'xml' }).findings.length);
    // Kept alive, the 20 pairs would put about 14 MB there.
    expect(oldGrowth(gc, keystroke)).toBeLessThan(3_000_000);
  });
});
