/**
 * One oracle case, two answers: a real QEMU started with the options, and our analysis of the same
 * options written as a `.args` file. They must agree: QEMU refuses ⇔ we report an error, and when it
 * starts, every disk's effective flags equal QEMU's (semantics.md §1): `writeback` from the backend the
 * guest device sees (`query-block`), `direct`/`noFlush` from the node that opens the image.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../shared/src/analyze';
import { analyze } from '../../shared/src/index';
import { askQemu, machineFor, protocolNodeOf, qemuArgv, type QemuAnswer, type QemuCacheFlags } from '../support/qemuOracle';

export type ImageFormat = 'raw' | 'qcow2';

export interface OracleCase {
  /** The options with `IMG` for the image path: the test's name. */
  name: string;
  format: ImageFormat;
  /** QEMU options as argument pairs, for a fresh image at `image`. */
  options: (image: string) => string[][];
}

export interface Verdict {
  /** Empty when QEMU and we agree; otherwise each disagreement in words. */
  problems: string[];
  qemu: QemuAnswer;
}

/** Our analysis runs as a throw-away guest would be linted: the data-safety policy rules are no QEMU fact. */
const POLICY_FREE = { environment: 'development', migration: 'never' } as const;

/** What QEMU's refusal means in our rule codes; unknown refusals need just some error. */
const REFUSAL_CODES: { pattern: RegExp; code: string }[] = [
  { pattern: /aio=native was specified, but it requires cache\.direct=on/, code: 'native-aio-needs-direct' },
  { pattern: /invalid (cache|aio) option|expects 'on' or 'off'|does not accept value|expected: boolean|Unknown driver/, code: 'invalid-value' },
];

/**
 * A directory on the real file system (tmpfs lacks O_DIRECT on older kernels) with one image per case:
 * QEMUs running side by side would otherwise fight over the image's write lock.
 */
export class OracleLab {
  private dir = '';
  private readonly templates = new Map<ImageFormat, string>();
  private serial = 0;
  private qemuVersion = '';
  readonly counts = { checked: 0, accepted: 0, refused: 0 };

  constructor(private readonly repoRoot: string) {}

  /** For beforeAll: the directory and the template images, made with qemu-img. */
  makeImages(): void {
    const parent = path.join(this.repoRoot, 'test', '.tmp');
    mkdirSync(parent, { recursive: true });
    this.dir = mkdtempSync(path.join(parent, 'oracle-'));
    for (const format of ['raw', 'qcow2'] as const) {
      const file = path.join(this.dir, `template.${format}`);
      execFileSync('qemu-img', ['create', '-q', '-f', format, file, '16M'], { stdio: ['ignore', 'ignore', 'inherit'] });
      this.templates.set(format, file);
    }
  }

  remove(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  summary(what: string): string {
    const { checked, accepted, refused } = this.counts;
    return `[oracle] ${what}: ${checked} combinations checked against QEMU ${this.qemuVersion}: ${accepted} started, ${refused} refused`;
  }

  /** Every case through QEMU (in parallel, bounded by the oracle's queue) and through our analysis. */
  async checkAll(cases: readonly OracleCase[]): Promise<Map<OracleCase, Verdict>> {
    const verdicts = await Promise.all(cases.map((c) => this.check(c)));
    return new Map(cases.map((c, i) => [c, verdicts[i]]));
  }

  async check(c: OracleCase): Promise<Verdict> {
    const template = this.templates.get(c.format);
    if (!template) throw new Error('makeImages() must run first');
    const image = path.join(this.dir, `case-${++this.serial}.${c.format}`);
    // A copy of a raw image writes all its zeros; a sparse file of the same size is what qemu-img makes.
    if (c.format === 'raw') {
      writeFileSync(image, '');
      truncateSync(image, statSync(template).size);
    } else {
      copyFileSync(template, image);
    }
    try {
      const options = c.options(image);
      // -snapshot overlays go to TMPDIR; HOME keeps anything QEMU might write out of the real one.
      const qemu = await askQemu(options, { env: { ...process.env, HOME: this.dir, TMPDIR: this.dir } });
      this.counts.checked++;
      if (qemu.ok) {
        this.counts.accepted++;
        this.qemuVersion = qemu.version;
      } else {
        this.counts.refused++;
      }
      return { problems: compare(options, image, qemu), qemu };
    } finally {
      rmSync(image, { force: true });
    }
  }
}

/** The options as a libvirt-style `.args` file: one option per line, `\` continuations, single quotes where needed. */
export function argsText(options: readonly (readonly string[])[]): string {
  const argv = qemuArgv(options, machineFor(options));
  const lines = ['qemu-system-x86_64'];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value !== undefined && !value.startsWith('-')) {
      lines.push(`${flag} ${shellQuote(value)}`);
      i++;
    } else {
      lines.push(flag);
    }
  }
  return lines.join(' \\\n') + '\n';
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_=,./:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function compare(options: readonly (readonly string[])[], image: string, qemu: QemuAnswer): string[] {
  const text = argsText(options);
  const analyzeOptions = { uri: 'file:///oracle/case.args', languageId: 'qemu-cmdline', settings: POLICY_FREE };
  const ours = analyze(text, analyzeOptions);
  const errors = ours.diagnostics.filter((d) => d.severity === 'error');
  const shownErrors = errors.map((d) => `${d.code}: ${d.message}`).join(' | ') || 'none';

  if (!qemu.ok) {
    if (errors.length === 0) return [`QEMU refused ("${qemu.error}") but we report no error`];
    const expected = REFUSAL_CODES.find((r) => r.pattern.test(qemu.error))?.code;
    if (expected && !errors.some((d) => d.code === expected)) {
      return [`QEMU refused ("${qemu.error}"): expected an error ${expected}, we report ${shownErrors}`];
    }
    return [];
  }

  const problems: string[] = [];
  if (errors.length > 0) problems.push(`QEMU started, but we report errors: ${shownErrors}`);
  if (ours.disks.length !== qemu.block.length) {
    problems.push(`QEMU has ${qemu.block.length} backend(s) with a medium, we found ${ours.disks.length} disk(s)`);
    return problems;
  }
  const detailed = analyzeText(text, analyzeOptions).disks;
  qemu.block.forEach((backend, i) => {
    const protocol = protocolNodeOf(qemu, backend.node);
    if (!protocol) {
      problems.push(`QEMU backend ${backend.device || backend.qdev}: no protocol node below ${backend.node}`);
      return;
    }
    const theirs: QemuCacheFlags = { writeback: backend.cache.writeback, direct: protocol.cache.direct, noFlush: protocol.cache.noFlush };
    const mine = ours.disks[i].effective;
    if (mine.writeback !== theirs.writeback || mine.direct !== theirs.direct || mine.noFlush !== theirs.noFlush) {
      problems.push(`disk ${ours.disks[i].name}: QEMU ${flagText(theirs)}, we say ${flagText(mine)}`);
    }
    // Under -snapshot the image itself sits below the overlay, with the drive's own O_DIRECT.
    const imageNode = qemu.nodes.find((n) => n.drv === 'file' && n.file === image);
    if (imageNode && detailed[i].effective.imageDirect !== imageNode.cache.direct) {
      problems.push(`disk ${ours.disks[i].name}: QEMU opens the image with direct=${imageNode.cache.direct}, we say imageDirect=${detailed[i].effective.imageDirect}`);
    }
  });
  return problems;
}

function flagText(f: QemuCacheFlags): string {
  return `writeback=${f.writeback} direct=${f.direct} noFlush=${f.noFlush}`;
}

/** Every combination of the given choices (undefined = option not written). */
export function combinations<T extends Record<string, readonly (string | undefined)[]>>(choices: T): { [K in keyof T]: T[K][number] }[] {
  let rows: Record<string, string | undefined>[] = [{}];
  for (const [key, values] of Object.entries(choices)) {
    rows = rows.flatMap((row) => values.map((v) => ({ ...row, [key]: v })));
  }
  return rows as { [K in keyof T]: T[K][number] }[];
}

/** `key=value` pairs for the set choices, in the given order. */
export function keyvals(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
