/**
 * The disks of an analysed document, with the moves of their offsets that edits made but that are
 * not yet written into their spans. A keystroke near the top of a 2,000-disk domain moves a
 * thousand disks of twenty spans each; writing them at once was two thirds of `reanalyzeEdit`
 * in the server, where the disks' objects are cold in the CPU's caches after each message. The
 * diagnostics of a keystroke need none of them (findings move at once), so a move is noted per
 * disk and written when the disks are next read: by hover, lenses, symbols, or a fix being built.
 */
import type { AnalyzedDisk } from './analyze';
import { moveDisk } from './offsetShifter';

export class DiskOffsets {
  /** Per disk, how far its spans are behind the text; undefined while none is. */
  private pending: Int32Array | undefined;
  private behind = false;
  private leadingXml = -1;

  constructor(private list: AnalyzedDisk[]) {}

  /** The disks, every noted move written into them. */
  get settled(): AnalyzedDisk[] {
    if (this.behind) {
      for (let i = 0; i < this.list.length; i++) this.settle(i);
      this.behind = false;
    }
    return this.list;
  }

  /** The disks as they are, some of them possibly behind the text: for `reanalyzeEdit`, with `start`/`end`. */
  get unsettled(): readonly AnalyzedDisk[] {
    return this.list;
  }

  /** Writes the moves noted for disk `i` into it. */
  settle(i: number): void {
    const pending = this.pending;
    if (pending === undefined || pending[i] === 0) return;
    moveDisk(this.list[i].disk, pending[i]);
    pending[i] = 0;
  }

  /**
   * How many disks, from the first, are XML disks (those of a `<qemu:commandline>` come after
   * them). Counted once: edits replace a disk by one of its kind, never add or remove one.
   */
  get xmlCount(): number {
    if (this.leadingXml < 0) {
      let n = 0;
      while (n < this.list.length && this.list[n].disk.syntax === 'libvirt-xml') n++;
      this.leadingXml = n;
    }
    return this.leadingXml;
  }

  /** Where disk `i` starts and ends in the current text. */
  start(i: number): number {
    return this.list[i].disk.span.start + (this.pending?.[i] ?? 0);
  }

  end(i: number): number {
    return this.list[i].disk.span.end + (this.pending?.[i] ?? 0);
  }

  /** Notes that disks `from` to `to` (exclusive) move by `delta`. Only XML disks: they share no span. */
  defer(from: number, to: number, delta: number): void {
    if (from >= to || delta === 0) return;
    this.pending ??= new Int32Array(this.list.length);
    for (let i = from; i < to; i++) this.pending[i] += delta;
    this.behind = true;
  }

  /**
   * The document's analysis goes on with `list` (as many disks, one of them perhaps replaced by a
   * re-read, which holds its offsets already). Who still holds the previous analysis reads these.
   */
  moveTo(list: AnalyzedDisk[], replaced: number): void {
    this.list = list;
    if (replaced >= 0 && this.pending) this.pending[replaced] = 0;
  }
}
